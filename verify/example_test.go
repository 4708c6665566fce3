package verify_test

import (
	"fmt"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify"
)

func ExampleURL() {
	for _, link := range []string{
		"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure",
		"https://assure.ameli.fr@evil.example/connexion",
		"http://0x7f.1/ameli",
	} {
		v := verify.URL(link)
		fmt.Println(v.Status, v.Host, v.Target, v.Codes())
	}
	// Output:
	// official assure.ameli.fr ameli.fr [registered-domain login-host]
	// lookalike evil.example ameli.fr [brand-in-userinfo userinfo]
	// suspicious 127.0.0.1  [ip-address]
}

func ExampleHost() {
	// The host is read as a browser reads it: fullwidth letters and the
	// ideographic full stop map to ASCII.
	v := verify.Host("ＡＭＥＬＩ。ｆｒ")
	fmt.Println(v.Status, v.Host, v.Organization.Name)
	// Output: official ameli.fr Assurance Maladie
}

func ExampleNew() {
	mine, err := domains.LoadFile("testdata/overlay.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	reg, err := domains.Default().Overlay(mine)
	if err != nil {
		fmt.Println(err)
		return
	}
	checker, err := verify.New(reg)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := checker.URL("https://espace.example.org/connexion")
	fmt.Println(v.Status, v.Organization.ID, v.Codes())
	// Output: official acme-mutuelle [registered-domain login-host]
}
