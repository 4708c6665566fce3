module github.com/vigie-sante/vigie/examples/vigie-nats

go 1.24.0

require (
	github.com/nats-io/nats.go v1.49.0
	github.com/stretchr/testify v1.12.1
	github.com/vigie-sante/vigie v0.0.0
)

require (
	github.com/bits-and-blooms/bitset v1.20.0 // indirect
	github.com/emersion/go-message v0.18.2 // indirect
	github.com/klauspost/compress v1.18.2 // indirect
	github.com/nats-io/nkeys v0.4.12 // indirect
	github.com/nats-io/nuid v1.0.1 // indirect
	github.com/nlnwa/whatwg-url v0.6.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.48.0 // indirect
	golang.org/x/net v0.50.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)

replace github.com/vigie-sante/vigie => ../..
