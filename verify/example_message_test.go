package verify_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify"
)

func ExampleChecker_MessageEnvelope() {
	// The mail server mx.example.org checked DMARC and wrote its
	// Authentication-Results; vigie trusts that server's results only.
	c, err := verify.New(domains.Default(), verify.WithTrustedAuthServIDs("mx.example.org"))
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := "Authentication-Results: mx.example.org; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: Assurance Maladie <rdv@info.ameli.fr>\r\nTo: jean.dupont@example.org\r\nSubject: Votre rendez-vous\r\n\r\n" +
		"Retrouvez-le sur https://www.ameli.fr/\r\nCe message a été envoyé à jean.dupont@example.org.\r\n"
	// Without the envelope, the reader's own address is a link vigie
	// cannot vouch for.
	rep, _ := c.MessageContext(context.Background(), strings.NewReader(msg))
	fmt.Println(rep.Status, rep.Has(verify.CodeUnverifiedLink))
	// Delivered to that address alone, it is the reader's.
	env := verify.Envelope{Recipients: []string{"<jean.dupont@example.org>"}}
	rep, _ = c.MessageEnvelope(context.Background(), env, strings.NewReader(msg))
	fmt.Println(rep.Status, rep.Organization.Name)
	// Output:
	// unknown true
	// official Assurance Maladie
}
