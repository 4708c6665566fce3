module github.com/vigie-sante/vigie

go 1.24.0

require (
	github.com/emersion/go-message v0.18.2
	github.com/emersion/go-msgauth v0.7.0
	github.com/nlnwa/whatwg-url v0.6.2
	golang.org/x/net v0.50.0
	mvdan.cc/xurls/v2 v2.6.0
)

require (
	github.com/d--j/go-milter v0.10.1
	github.com/miekg/dns v1.1.66
)

require (
	golang.org/x/mod v0.32.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
)

require (
	github.com/rogpeppe/go-internal v1.14.1
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/tools v0.41.0 // indirect
)

require (
	github.com/stretchr/testify v1.12.1
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

require (
	github.com/bits-and-blooms/bitset v1.20.0 // indirect
	golang.org/x/text v0.34.0
)
