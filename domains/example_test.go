package domains_test

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
)

func ExampleRegistry_Lookup() {
	reg := domains.Default()
	for _, host := range []string{"assure.ameli.fr", "ameli.fr.secure-login.com"} {
		if org, domain, ok := reg.Lookup(host); ok {
			fmt.Printf("%s belongs to %s (%s)\n", host, org.Name, domain)
		} else {
			fmt.Printf("%s belongs to no registered organisation\n", host)
		}
	}
	// Output:
	// assure.ameli.fr belongs to Assurance Maladie (ameli.fr)
	// ameli.fr.secure-login.com belongs to no registered organisation
}

func ExampleRegistry_Overlay() {
	mine, err := domains.Load(strings.NewReader(`{
	  "version": "acme.1",
	  "organizations": [{
	    "id": "acme-mutuelle", "name": "ACME Mutuelle", "kind": "insurer",
	    "domains": ["example.org"], "login_hosts": ["espace.example.org"],
	    "confidence": "high", "sources": ["ACME's own DNS zone"]
	  }]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	reg, err := domains.Default().Overlay(mine)
	if err != nil {
		fmt.Println(err)
		return
	}
	org, _, _ := reg.Lookup("espace.example.org")
	fmt.Println(org.Name, reg.Len()-domains.Default().Len())
	// Output: ACME Mutuelle 1
}

func ExampleParse_errors() {
	_, err := domains.Parse([]byte(`{"version":"1","organizations":[
	  {"id":"x","name":"X","kind":"insurer","confidence":"high","sources":["s"],"domains":["gouv.fr"]}]}`))
	fmt.Println(err)
	// Output:
	// domains: invalid registry:
	// 	organization "x": domains[0] "gouv.fr": is a public suffix, which no organisation can own
}
