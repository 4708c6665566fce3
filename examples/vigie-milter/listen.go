package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
)

// listen opens the milter socket named as Postfix names it: inet:HOST:PORT,
// inet6:[HOST]:PORT or unix:/PATH. Sendmail's inet:PORT@HOST and
// local:/PATH are accepted too. A stale unix socket left by a crash is
// replaced; a file that is not a socket is not.
func listen(spec string, mode os.FileMode) (net.Listener, error) {
	proto, addr, ok := strings.Cut(spec, ":")
	if !ok || addr == "" {
		return nil, fmt.Errorf("-listen %q: want inet:HOST:PORT or unix:/PATH", spec)
	}
	switch strings.ToLower(proto) {
	case "inet", "tcp", "inet6", "tcp6":
		network := "tcp4"
		if strings.HasSuffix(proto, "6") {
			network = "tcp6"
		}
		if port, host, ok := strings.Cut(addr, "@"); ok {
			addr = net.JoinHostPort(host, port)
		}
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return nil, fmt.Errorf("-listen %q: %w", spec, err)
		}
		return net.Listen(network, addr)
	case "unix", "local":
		if fi, err := os.Lstat(addr); err == nil {
			if fi.Mode()&os.ModeSocket == 0 {
				return nil, fmt.Errorf("-listen %q: %s exists and is not a socket", spec, addr)
			}
			if c, err := net.Dial("unix", addr); err == nil {
				c.Close()
				return nil, fmt.Errorf("-listen %q: another process listens on %s", spec, addr)
			}
			if err := os.Remove(addr); err != nil {
				return nil, err
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		ln, err := net.Listen("unix", addr)
		if err != nil {
			return nil, err
		}
		if err := os.Chmod(addr, mode); err != nil {
			ln.Close()
			return nil, err
		}
		return ln, nil
	}
	return nil, fmt.Errorf("-listen %q: unknown socket type %q (want inet, inet6 or unix)", spec, proto)
}
