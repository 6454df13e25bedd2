package extract

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestZZDebugHeader(t *testing.T) {
	for _, id := range strings.Fields(os.Getenv("IDS")) {
		f, err := os.Open("../../../shared/data/extract/wcxb-dev/html/" + id + ".html.gz")
		if err != nil {
			t.Skip()
		}
		z, _ := gzip.NewReader(f)
		b, _ := io.ReadAll(z)
		doc, _ := html.Parse(bytes.NewReader(b))
		pm := collectMeta(doc)
		title := pm.chooseTitle("")
		h := headerText(doc, title)
		t.Logf("%s pub=%v mod=%v\n  title=%q\n  header=%q\n  shown=%v", id, pm.chooseDate(), pm.chooseModified(), title, h, parseVisibleDates(h))
	}
}
