package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/verify"
)

// Default limits of the service, each changed by a flag.
const (
	// DefaultMaxBody bounds a request body, JSON included: a URL, a host,
	// a sender or a text message is a few kilobytes at most; a whole
	// message needs more (see -max-body).
	DefaultMaxBody = 1 << 20
	// DefaultMaxBatch bounds the items of one batch request.
	DefaultMaxBatch = 100
	// DefaultCheckTimeout bounds the time a request waits for a free
	// checking slot and for its check.
	DefaultCheckTimeout = 10 * time.Second
)

// HandlerOptions configure the handler built by [NewHandler]. A zero field
// takes its default.
type HandlerOptions struct {
	// MaxBody bounds a request body in bytes (default DefaultMaxBody).
	MaxBody int64
	// MaxBatch bounds the items of a batch request (default
	// DefaultMaxBatch).
	MaxBatch int
	// CheckTimeout bounds the wait for a checking slot plus the check
	// itself (default DefaultCheckTimeout).
	CheckTimeout time.Duration
	// MaxConcurrent bounds the checks running at once (default twice
	// GOMAXPROCS): checks are CPU-bound, so more would only queue inside
	// the scheduler instead of here, where the timeout applies.
	MaxConcurrent int
}

// handler serves the vigie HTTP API over one Checker.
type handler struct {
	opts HandlerOptions
	// slots holds one token per check running; a full channel makes new
	// requests wait, within their timeout.
	slots chan struct{}
	// health is the body of GET /healthz, fixed at construction since the
	// checker is immutable.
	health []byte
	// check runs one check; tests replace it to hold a request in flight.
	check func(context.Context, dispatch.Input) (dispatch.Result, error)
	mux   *http.ServeMux
}

// NewHandler returns the handler of the HTTP API over c:
//
//	POST /v1/check        {"kind": "...", "input": "..."} → the Result's JSON
//	POST /v1/check/batch  {"items": [{"kind", "input"}, ...]} → {"results": [...]}
//	GET  /healthz         {"status": "ok", "registry": VERSION, "organizations": N}
//
// Errors are {"error": "..."} with a 4xx or 5xx status.
func NewHandler(c *verify.Checker, opts HandlerOptions) http.Handler {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = DefaultMaxBatch
	}
	if opts.CheckTimeout <= 0 {
		opts.CheckTimeout = DefaultCheckTimeout
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 2 * runtime.GOMAXPROCS(0)
	}
	check := func(ctx context.Context, in dispatch.Input) (dispatch.Result, error) {
		return dispatch.Check(ctx, c, in)
	}
	h := &handler{opts: opts, slots: make(chan struct{}, opts.MaxConcurrent), check: check}
	reg := c.Registry()
	h.health, _ = json.Marshal(struct {
		Status        string `json:"status"`
		Registry      string `json:"registry"`
		Organizations int    `json:"organizations"`
	}{"ok", reg.Version(), reg.Len()})
	h.health = append(h.health, '\n')

	h.mux = http.NewServeMux()
	// Methods are checked in the handlers rather than in the patterns so
	// that a 405 has a JSON body like every other error.
	h.mux.HandleFunc("/v1/check", h.serveCheck)
	h.mux.HandleFunc("/v1/check/batch", h.serveBatch)
	h.mux.HandleFunc("/healthz", h.serveHealth)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.EscapedPath()+" (POST /v1/check, POST /v1/check/batch, GET /healthz)")
	})
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func (h *handler) serveCheck(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r, http.MethodPost) {
		return
	}
	var req dispatch.Request
	if !h.decode(w, r, &req) {
		return
	}
	in, err := req.Resolve()
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	var body []byte
	err = h.run(r.Context(), func(ctx context.Context) error {
		res, err := h.check(ctx, in)
		if err != nil {
			return err
		}
		body, err = json.Marshal(res)
		return err
	})
	if err != nil {
		h.checkFailed(w, err)
		return
	}
	writeJSON(w, http.StatusOK, append(body, '\n'))
}

// batchRequest is the body of POST /v1/check/batch.
type batchRequest struct {
	Items []dispatch.Request `json:"items"`
}

func (h *handler) serveBatch(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r, http.MethodPost) {
		return
	}
	var req batchRequest
	if !h.decode(w, r, &req) {
		return
	}
	switch n := len(req.Items); {
	case n == 0:
		writeError(w, http.StatusBadRequest, `missing "items"`)
		return
	case n > h.opts.MaxBatch:
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("%d items, more than the %d allowed in one batch", n, h.opts.MaxBatch))
		return
	}
	items := make([]dispatch.Input, len(req.Items))
	for i := range req.Items {
		in, err := req.Items[i].Resolve()
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("items[%d]: %v", i, err))
			return
		}
		items[i] = in
	}
	// One slot for the whole batch, checked in order; a batch that runs
	// out of time stops between items.
	var buf bytes.Buffer
	err := h.run(r.Context(), func(ctx context.Context) error {
		buf.WriteString(`{"results":[`)
		for i, in := range items {
			res, err := h.check(ctx, in)
			if err != nil {
				return err
			}
			b, err := json.Marshal(res)
			if err != nil {
				return err
			}
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.Write(b)
		}
		buf.WriteString("]}\n")
		return nil
	})
	if err != nil {
		h.checkFailed(w, err)
		return
	}
	writeJSON(w, http.StatusOK, buf.Bytes())
}

func (h *handler) serveHealth(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	writeJSON(w, http.StatusOK, h.health)
}

// errTimeout reports a check that did not get a slot or did not finish in
// time; errGone, a request whose client went away before its answer.
var (
	errTimeout = errors.New("timed out")
	errGone    = errors.New("client went away")
)

// statusClientClosed is logged for a request whose client closed the
// connection before the answer, as nginx logs it; nobody receives it.
const statusClientClosed = 499

// run calls f in a checking slot, under a context that is done when the
// check timeout has passed or the client has gone. f passes it to the
// checks (dispatch.Check), which stop at their next step once it is done:
// reading a message, following a short link, the next item of a batch. A
// check that runs out of time thus ends, and frees its slot, at once.
func (h *handler) run(ctx context.Context, f func(context.Context) error) (err error) {
	ctx, cancel := context.WithTimeout(ctx, h.opts.CheckTimeout)
	defer cancel()
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return stopped(ctx)
	}
	defer func() { <-h.slots }()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	err = f(ctx)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return stopped(ctx)
	}
	return err
}

// stopped tells why ctx is done: its deadline, or the client.
func stopped(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errTimeout
	}
	return errGone
}

// checkFailed answers a check that failed, timed out or lost its client.
func (h *handler) checkFailed(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errTimeout):
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("the check did not finish within %v", h.opts.CheckTimeout))
	case errors.Is(err, errGone):
		writeError(w, statusClientClosed, "the client closed the request")
	default:
		// dispatch.Check fails otherwise only for a kind it cannot
		// handle, which Resolve has refused: this is a bug, not the
		// caller's fault.
		writeError(w, http.StatusInternalServerError, "check failed: "+err.Error())
	}
}

// decode reads a JSON request body into v: one object, no unknown field,
// nothing after it, at most MaxBody bytes. It answers the error itself and
// reports whether v was read.
func (h *handler) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: want application/json", ct))
			return false
		}
		if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("charset %q: want utf-8", cs))
			return false
		}
	}
	if r.ContentLength > h.opts.MaxBody {
		writeError(w, http.StatusRequestEntityTooLarge, tooLarge(h.opts.MaxBody))
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, h.opts.MaxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// Only white space may follow the object.
		if _, terr := dec.Token(); terr != io.EOF {
			err = errTrailing
			var mbe *http.MaxBytesError
			if errors.As(terr, &mbe) {
				err = terr
			}
		}
	}
	if err == nil {
		return true
	}
	var (
		mbe    *http.MaxBytesError
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	msg := err.Error()
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, tooLarge(h.opts.MaxBody))
		return false
	case errors.Is(err, io.EOF):
		msg = "empty body: want a JSON object"
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "invalid JSON: unexpected end of the body"
	case errors.As(err, &syntax):
		msg = fmt.Sprintf("invalid JSON at byte %d: %v", syntax.Offset, syntax)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the body"
		}
		msg = fmt.Sprintf("invalid JSON: %s must be %s, not %s", field, typeName(typ), typ.Value)
	case strings.HasPrefix(msg, "json: unknown field "):
		msg = "unknown field " + strings.TrimPrefix(msg, "json: unknown field ")
	case errors.Is(err, errTrailing):
	default:
		msg = "invalid JSON: " + strings.TrimPrefix(msg, "json: ")
	}
	writeError(w, http.StatusBadRequest, msg)
	return false
}

var errTrailing = errors.New("invalid JSON: data after the object")

func typeName(e *json.UnmarshalTypeError) string {
	t := e.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	}
	return t.String()
}

func tooLarge(limit int64) string {
	return "the body is larger than the " + strconv.FormatInt(limit, 10) + " bytes allowed (-max-body)"
}

// allowMethod answers 405, with an Allow header, unless r uses one of
// methods.
func allowMethod(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	allow := strings.Join(methods, ", ")
	w.Header().Set("Allow", allow)
	writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed: use %s", r.Method, allow))
	return false
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{msg})
	writeJSON(w, status, append(b, '\n'))
}
