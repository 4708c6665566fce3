package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/verify"
)

// maxRequest bounds a request's body: a whole message in base64, as
// vigie-server's default -max-body allows, with room for the JSON.
const maxRequest = 8 << 20

// checkRequest decodes and checks one request, in vigie-server's format
// ([dispatch.Request]), and returns the result's JSON and its verdict's
// name. The error is for a request that cannot be checked (bad JSON, no
// input, an unknown kind, no time left): the worker answers it with an
// error result rather than leaving it to come back.
func checkRequest(ctx context.Context, c *verify.Checker, data []byte) (json.RawMessage, string, error) {
	if len(data) > maxRequest {
		return nil, "", fmt.Errorf("request of %d bytes, more than the %d allowed", len(data), maxRequest)
	}
	var req dispatch.Request
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, "", fmt.Errorf("request is not a JSON check request: %v", err)
	}
	in, err := req.Resolve()
	if err != nil {
		return nil, "", err
	}
	res, err := dispatch.Check(ctx, c, in)
	if err != nil {
		return nil, "", err
	}
	b, err := json.Marshal(res)
	return b, res.Status.String(), err
}
