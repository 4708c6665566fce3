package uts39_test

import (
	"fmt"

	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

func Example() {
	official := "ameli"
	for _, label := range []string{"ameli", "\u0430meli", "amel\u0456", "arneli", "\u0430\u0440\u0435", "amelie"} {
		fmt.Printf("%+-20q skeleton=%-9q confusable=%-5v mixed=%-5v whole-script=%v\n",
			label, uts39.Skeleton(label),
			uts39.Skeleton(label) == uts39.Skeleton(official),
			uts39.IsMixedScript(label),
			uts39.IsWholeScriptConfusable(label))
	}
	// Output:
	// "ameli"              skeleton="arneli"  confusable=true  mixed=false whole-script=false
	// "\u0430meli"         skeleton="arneli"  confusable=true  mixed=true  whole-script=false
	// "amel\u0456"         skeleton="arneli"  confusable=true  mixed=true  whole-script=false
	// "arneli"             skeleton="arneli"  confusable=true  mixed=false whole-script=false
	// "\u0430\u0440\u0435" skeleton="ape"     confusable=false mixed=false whole-script=true
	// "amelie"             skeleton="arnelie" confusable=false mixed=false whole-script=false
}

func ExampleAppendSkeleton() {
	buf := make([]byte, 0, 64)
	for _, host := range []string{"www.ameli.fr", "www.\u0430meli.fr"} {
		buf = uts39.AppendSkeleton(buf[:0], host)
		fmt.Printf("%s\n", buf)
	}
	// Output:
	// www.arneli.fr
	// www.arneli.fr
}

func ExampleTypeOf() {
	for _, r := range []rune{'a', '-', '\u2113', '\u200b'} {
		fmt.Printf("%U %-5v %v\n", r, uts39.IsAllowed(r), uts39.TypeOf(r))
	}
	// Output:
	// U+0061 true  Recommended
	// U+002D true  Inclusion
	// U+2113 false Not_NFKC
	// U+200B false Default_Ignorable
}
