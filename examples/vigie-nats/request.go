package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/verify"
)

// maxRequest bounds a request's body: NATS's own default payload limit
// is 1 MiB, and a whole message in base64 needs about that.
const maxRequest = 8 << 20

// request is vigie-server's request format.
type request struct {
	Kind        string  `json:"kind"`
	Input       string  `json:"input"`
	InputBase64 *string `json:"input_base64"`
	Sender      *string `json:"sender"`
	Text        *string `json:"text"`
}

// checkRequest decodes and checks one request and returns the result's
// JSON and its verdict's name. The error is for a request that cannot be
// checked (bad JSON, no input, an unknown kind): the worker answers it
// with an error result rather than leaving it to come back.
func checkRequest(ctx context.Context, c *verify.Checker, data []byte) (json.RawMessage, string, error) {
	if len(data) > maxRequest {
		return nil, "", fmt.Errorf("request of %d bytes, more than the %d allowed", len(data), maxRequest)
	}
	var req request
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, "", fmt.Errorf("request is not a JSON check request: %v", err)
	}
	kind, input, err := req.resolve()
	if err != nil {
		return nil, "", err
	}
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	res, err := c.Check(kind, input)
	if err != nil {
		return nil, "", err
	}
	b, err := json.Marshal(res)
	return b, res.Status.String(), err
}

func (req *request) resolve() (verify.Kind, string, error) {
	name := req.Kind
	if name == "" {
		name = string(verify.KindAuto)
	}
	kind, err := verify.ParseKind(name)
	if err != nil {
		return "", "", fmt.Errorf("unknown kind %q: want auto, url, host, email, sms or message", req.Kind)
	}
	sms := req.Sender != nil || req.Text != nil
	ways := 0
	for _, given := range []bool{req.Input != "", req.InputBase64 != nil, sms} {
		if given {
			ways++
		}
	}
	if ways > 1 {
		return "", "", errors.New(`give one of "input", "input_base64", or "sender" and "text"`)
	}
	input := req.Input
	switch {
	case sms:
		if req.Text == nil || strings.TrimSpace(*req.Text) == "" {
			return "", "", errors.New(`missing "text"`)
		}
		sender := ""
		if req.Sender != nil {
			sender = *req.Sender
		}
		return verify.KindSMS, sender + "\t" + *req.Text, nil
	case req.InputBase64 != nil:
		b, err := base64.StdEncoding.DecodeString(*req.InputBase64)
		if err != nil {
			return "", "", fmt.Errorf(`"input_base64" is not base64: %v`, err)
		}
		input = string(b)
	}
	if strings.TrimSpace(input) == "" {
		return "", "", errors.New(`missing "input"`)
	}
	return kind, input, nil
}
