package lookalike

import "fmt"

func (ix *Index) DebugPieces(host string) string {
	m := matcher{ix: ix, host: host}
	m.tokenize()
	m.segmentLabels()
	out := ""
	for l := 0; l < m.nlabels-1; l++ {
		var buf [maxRunes]byte
		text, _ := m.labelText(&buf, l)
		out += fmt.Sprintf("[%s unk=%d:", text, m.unknown[l])
		for _, p := range m.labelPieces(l) {
			w := "#"
			if p.meaning >= 0 {
				for mn := p.meaning; mn >= 0; mn = ix.meanings[mn].next {
					x := ix.meanings[mn]
					w += fmt.Sprintf("%s/%d/%d,", x.word, x.class, x.official)
				}
			}
			out += fmt.Sprintf(" %s(%s typo=%v)", text[p.s:p.e], w, p.typo)
		}
		out += "]"
	}
	return out
}
