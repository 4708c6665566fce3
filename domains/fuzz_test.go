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
		}
	})
}
