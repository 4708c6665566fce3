package verify

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	for _, h := range strings.Fields(os.Getenv("DBG")) {
		v := Default().Host(h)
		fmt.Println(h, v.Status, v.Target, v.Reasons)
		fmt.Println(Default().index.DebugPieces(h))
	}
}
