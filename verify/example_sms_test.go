package verify_test

import (
	"fmt"

	"github.com/vigie-sante/vigie/verify"
)

func ExampleChecker_SMS() {
	c := verify.Default()
	for _, sms := range []struct{ sender, text string }{
		{"AMELI", "AMELI: votre carte Vitale expire, renouvelez-la sur ameli-carte-vitale.com"},
		{"06 12 34 56 78", "Assurance Maladie: remboursement de 47,20 EUR en attente https://bit.ly/3AmeLi"},
		{"AMELI", "Votre attestation est disponible sur https://www.ameli.fr/assure/compte-ameli"},
		{"AMELI", "Votre code de connexion est 482913."},
	} {
		rep := c.SMS(sms.sender, sms.text)
		target := rep.Target
		if target == "" {
			target = "-"
		}
		fmt.Println(rep.Status, target, rep.Codes())
		for _, l := range rep.Links {
			fmt.Println("  ", l.URL, l.Status)
		}
	}
	// Output:
	// lookalike ameli.fr [combo-squat no-scheme brand-mention sender-id]
	//    ameli-carte-vitale.com lookalike
	// suspicious ameli.fr [shortener brand-mention mobile-sender]
	//    https://bit.ly/3AmeLi suspicious
	// official ameli.fr [registered-domain login-host sender-id]
	//    https://www.ameli.fr/assure/compte-ameli official
	// unknown - [sender-id]
}
