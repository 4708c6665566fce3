package verify

import (
	"bytes"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/emersion/go-message"
)

// How a MIME part is read for links.
const (
	partSkipped = iota
	partText
	partHTML
	// partSniffed: a part of no useful type (application/octet-stream)
	// is read as HTML when its content is HTML by the MIME Sniffing
	// Standard, as the browser that opens the saved file may.
	partSniffed
)

// partKind says how a part is read: as HTML when its type is HTML
// (text/html, application/xhtml+xml, image/svg+xml, which browsers render
// with their links and scripts) or its file name is that of an HTML or SVG
// file, whatever its declared type, since the system opens a saved
// attachment by its name; as text when it is other text; sniffed when its
// type says nothing.
func partKind(mediaType string, params map[string]string, h message.Header) int {
	name := params["name"]
	if _, dp, err := h.ContentDisposition(); err == nil && dp["filename"] != "" {
		name = dp["filename"]
	}
	switch strings.ToLower(path.Ext(strings.TrimSpace(name))) {
	case ".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".mht", ".mhtml":
		return partHTML
	}
	switch {
	case mediaType == "text/html" || mediaType == "application/xhtml+xml" || mediaType == "image/svg+xml":
		return partHTML
	case strings.HasPrefix(mediaType, "text/"):
		return partText
	case mediaType == "application/octet-stream" || mediaType == "binary/octet-stream" ||
		mediaType == "application/x-download" || mediaType == "application/force-download" || mediaType == "application/unknown":
		return partSniffed
	}
	return partSkipped
}

// sniffHTML reads the first bytes of a part of unknown type and returns
// a reader of the whole part when they are HTML, nil when not.
func sniffHTML(r io.Reader) io.Reader {
	head := make([]byte, 512)
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	if !strings.HasPrefix(http.DetectContentType(head), "text/html") && !bytes.Contains(bytes.ToLower(head), []byte("<svg")) {
		return nil
	}
	return io.MultiReader(bytes.NewReader(head), r)
}
