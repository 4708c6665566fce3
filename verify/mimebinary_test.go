package verify

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinaryOfficeUnread checks that an Office file in the binary format,
// whose hyperlinks Office follows and vigie does not read, makes a proven
// message unknown, attached or in a zip; a .docx typed application/msword
// is still read as the zip package it is, an RTF named .doc as RTF (Word
// opens both by content), and OLE content of no Office name opens
// nowhere.
func TestBinaryOfficeUnread(t *testing.T) {
	c := mailChecker(t)
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, err := zw.Create("word/_rels/document.xml.rels")
	require.NoError(t, err)
	w.Write([]byte(`<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.ameli.fr/" TargetMode="External"/></Relationships>`))
	require.NoError(t, zw.Close())
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)
	var zipped bytes.Buffer
	zw = zip.NewWriter(&zipped)
	w, err = zw.Create("courriers/courrier.doc")
	require.NoError(t, err)
	w.Write(ole)
	w, err = zw.Create("courriers/lettre.doc")
	require.NoError(t, err)
	w.Write([]byte(`{\rtf1 {\field{\*\fldinst HYPERLINK "https://www.ameli.fr/"}{\fldrslt ameli}}}`))
	require.NoError(t, zw.Close())
	for _, tc := range []struct {
		name, head string
		data       []byte
		want       Status
	}{
		{".doc", "Content-Type: application/octet-stream; name=\"courrier.doc\"", ole, Unknown},
		{".xls by type", "Content-Type: application/vnd.ms-excel", ole, Unknown},
		{".msg", "Content-Type: application/octet-stream; name=\"message.msg\"", ole, Unknown},
		{"a binary .doc in a zip", "Content-Type: application/zip; name=\"courriers.zip\"", zipped.Bytes(), Unknown},
		{"an RTF named .doc is read as RTF", "Content-Type: application/msword; name=\"lettre.doc\"",
			[]byte(`{\rtf1 {\field{\*\fldinst HYPERLINK "https://www.ameli.fr/"}{\fldrslt ameli}}}`), Official},
		{"an octet-stream of no Office name is no document", "Content-Type: application/octet-stream; name=\"donnees.bin\"", ole, Official},
		{".docx typed application/msword", "Content-Type: application/msword; name=\"courrier.docx\"", docx.Bytes(), Official},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(pdfMail(tc.data, tc.head)))
			require.NoError(t, err)
			assert.Equal(t, tc.want, rep.Status, "%v", rep.Reasons)
			assert.Equal(t, tc.want == Unknown, rep.Has(CodeUnreadContent), "%v", rep.Reasons)
		})
	}
}
