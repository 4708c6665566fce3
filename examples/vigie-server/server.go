package main

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"time"
)

// Timeouts of the HTTP server. The write timeout runs from the end of the
// request headers to the end of the response, so it covers reading the
// body and the check as well: it is readTimeout plus the check timeout
// plus a margin.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	idleTimeout       = 120 * time.Second
	writeMargin       = 5 * time.Second
	maxHeaderBytes    = 64 << 10
)

// newServer returns the HTTP server of h, logging one line per request and
// its own errors to logger.
func newServer(h http.Handler, checkTimeout time.Duration, logger *log.Logger) *http.Server {
	return &http.Server{
		Handler:           logRequests(h, logger),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      readTimeout + checkTimeout + writeMargin,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          logger,
	}
}

// serve serves srv on ln until ctx is done, then shuts it down gracefully:
// the listener closes at once, requests in flight get up to
// shutdownTimeout to finish, after which the remaining connections are
// closed. It returns nil after a clean shutdown.
func serve(ctx context.Context, srv *http.Server, ln net.Listener, shutdownTimeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		srv.Close()
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// logRequests logs one line per request: method, escaped path, status,
// duration.
func logRequests(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			elapsed := time.Since(start).Round(time.Microsecond)
			if p := recover(); p != nil {
				// net/http logs the panic itself and drops the
				// connection.
				logger.Printf("%s %s panic %v", r.Method, r.URL.EscapedPath(), elapsed)
				panic(p)
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK // net/http's answer to a handler that writes nothing
			}
			logger.Printf("%s %s %d %v", r.Method, r.URL.EscapedPath(), status, elapsed)
		}()
		h.ServeHTTP(sw, r)
	})
}

// statusWriter remembers the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
