// Package testdns serves DNS records for end-to-end tests: a tiny
// authoritative server on 127.0.0.1 that answers from a fixed table, so
// that the mail software under test (rspamd, OpenDMARC) finds SPF and DMARC
// records without live DNS. Every name not in the table is NXDOMAIN, at
// once, so a test never waits on a lookup.
package testdns

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// A Server answers over UDP and TCP on the same 127.0.0.1 port.
type Server struct {
	// Addr is "127.0.0.1:PORT".
	Addr string
	// Port is the port Addr ends with.
	Port    int
	records map[string][]dns.RR // by lowercase FQDN
	mu      sync.Mutex
	queries []string
	servers []*dns.Server
}

// Start serves records, given in zone-file syntax ("_dmarc.ameli.fr. 300 IN
// TXT \"v=DMARC1; p=reject\""), on a free port of 127.0.0.1 until the test
// ends.
func Start(t testing.TB, records ...string) *Server {
	t.Helper()
	return StartAt(t, "127.0.0.1:0", records...)
}

// StartAt is Start on a given address, such as "127.0.0.2:53" for software
// that reads its nameserver from resolv.conf, where no port can be given.
func StartAt(t testing.TB, addr string, records ...string) *Server {
	t.Helper()
	s := &Server{records: make(map[string][]dns.RR)}
	for _, r := range records {
		rr, err := dns.NewRR(r)
		if err != nil {
			t.Fatalf("testdns: record %q: %v", r, err)
		}
		name := strings.ToLower(rr.Header().Name)
		s.records[name] = append(s.records[name], rr)
	}
	// One port for both transports: take a free UDP port, then TCP on it.
	var (
		pc  net.PacketConn
		ln  net.Listener
		err error
	)
	for range 20 {
		pc, err = net.ListenPacket("udp", addr)
		if err != nil {
			break
		}
		ln, err = net.Listen("tcp", pc.LocalAddr().String())
		if err == nil {
			break
		}
		pc.Close()
	}
	if err != nil {
		t.Fatalf("testdns: listening: %v", err)
	}
	s.Addr = pc.LocalAddr().String()
	s.Port = pc.LocalAddr().(*net.UDPAddr).Port
	started := make(chan struct{}, 2)
	notify := func() { started <- struct{}{} }
	s.servers = []*dns.Server{
		{PacketConn: pc, Handler: s, NotifyStartedFunc: notify},
		{Listener: ln, Handler: s, NotifyStartedFunc: notify},
	}
	for _, srv := range s.servers {
		go srv.ActivateAndServe()
	}
	<-started
	<-started
	t.Cleanup(func() {
		for _, srv := range s.servers {
			srv.Shutdown()
		}
	})
	return s
}

// ServeDNS answers one query from the table.
func (s *Server) ServeDNS(w dns.ResponseWriter, q *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(q)
	m.Authoritative = true
	if len(q.Question) == 1 {
		question := q.Question[0]
		name := strings.ToLower(question.Name)
		s.mu.Lock()
		s.queries = append(s.queries, fmt.Sprintf("%s %s", dns.TypeToString[question.Qtype], name))
		s.mu.Unlock()
		rrs, known := s.records[name]
		for _, rr := range rrs {
			if rr.Header().Rrtype == question.Qtype || question.Qtype == dns.TypeANY {
				m.Answer = append(m.Answer, rr)
			}
		}
		if !known {
			m.Rcode = dns.RcodeNameError
		}
	}
	w.WriteMsg(m)
}

// Queries lists the questions asked so far, as "TYPE name.".
func (s *Server) Queries() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}
