package verifytest_test

import (
	"fmt"

	"github.com/vigie-sante/vigie/verify/verifytest"
)

// printer shows what a failed assertion reports; in a test, pass t.
type printer struct{}

func (printer) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func ExampleAssertAllLinksOfficial() {
	template := `Votre relevé est disponible dans votre espace :
<a href="https://assure.ameli.fr/PortailAS">assure.ameli.fr</a>
ou sur <a href="https://ameli-releve.example/">https://www.ameli.fr</a>`
	ok := verifytest.AssertAllLinksOfficial(printer{}, nil, template, "template %s", "releve-mensuel")
	fmt.Println(ok)
	// Output:
	// template releve-mensuel: 1 link(s) not official:
	// 	https://ameli-releve.example/ (shown as "https://www.ameli.fr") is lookalike; imitates ameli.fr (Assurance Maladie); combo-squat: ameli-releve.example combines ameli, the name of ameli.fr, with other words; link-text-mismatch: the link shows https://www.ameli.fr, official for Assurance Maladie, but leads to ameli-releve.example
	// false
}

func ExampleAssertOfficial() {
	fmt.Println(verifytest.AssertOfficial(printer{}, nil, "https://assure.hcrbienetre.fr/connexion.html"))
	fmt.Println(verifytest.AssertOfficial(printer{}, nil, "https://salarie.interimairesante.fr/connexion.html"))
	// Output:
	// true
	// https://salarie.interimairesante.fr/connexion.html is lookalike, not official; imitates interimairessante.fr (Intérimaires Santé); known-lookalike: interimairesante.fr is listed in the registry as an imitation of Intérimaires Santé; edit-distance: salarie.interimairesante.fr is 1 edit(s) from interimairessante, the name of interimairessante.fr
	// false
}
