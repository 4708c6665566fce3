package domains

import (
	"encoding/json"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the registry parser: it must return a
// registry or an error, never panic, and a registry it returns must survive
// a round trip through its own JSON.
func FuzzParse(f *testing.F) {
	f.Add(embedded)
	f.Add([]byte(`{"version":"1","organizations":[{"id":"a","name":"A","kind":"insurer","confidence":"high","sources":["s"],"domains":["example.org"],"login_hosts":["x.example.org"]}]}`))
	f.Add([]byte(`{"organizations":[{"id":"","domains":["gouv.fr","Ex.fr","xn--a.fr","é.fr"]}]}`))
	f.Add([]byte(`{"organizations":[{"id":"g","name":"G","kind":"group","confidence":"high","sources":["s"],"domains":["g.com"]},{"id":"a","name":"A","kind":"insurer","group":"g","confidence":"high","sources":["s"],"domains":["a.fr"],"link_domains":["clic.mailer.net","a.fr","github.io"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("a parsed registry does not parse again: %v", err)
		}
		if again.Len() != r.Len() {
			t.Fatalf("round trip changed the registry: %d != %d organisations", again.Len(), r.Len())
		}
		for _, o := range r.Organizations() {
			for _, d := range o.Domains {
				if got, _, ok := r.Lookup(d); !ok || got != o {
					t.Fatalf("%s does not look up to %s", d, o.ID)
				}
			}
			for _, d := range o.LinkDomains {
				if got, _, ok := r.LinkDomain(d); !ok || got != o {
					t.Fatalf("link domain %s does not look up to %s", d, o.ID)
				}
				if _, _, official := r.Lookup(d); official {
					t.Fatalf("link domain %s of %s is also official", d, o.ID)
				}
			}
		}
	})
}
