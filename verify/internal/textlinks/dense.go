package textlinks

import (
	"fmt"
	"strings"
)

// DenseText returns about n bytes of French text dense with links, for
// the benchmarks that time link finding against xurls: official and
// lookalike hosts, with and without a scheme, with paths, phone numbers
// and addresses between them. Each link is distinct.
func DenseText(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "Votre dossier %d est sur https://www.ameli.fr/assure/dossier/%d, ", i, i)
		case 1:
			fmt.Fprintf(&b, "ou validez sur ameli-remboursement%d.com/connexion?id=%d. ", i, i)
		case 2:
			fmt.Fprintf(&b, "Appelez le 09.70.12.34.%02d ou ecrivez a contact%d@ameli.fr. ", i%100, i)
		default:
			fmt.Fprintf(&b, "Voir aussi www.harmonie-mutuelle.fr/page%d et bit.ly/x%d ! ", i, i)
		}
	}
	return b.String()[:n]
}
