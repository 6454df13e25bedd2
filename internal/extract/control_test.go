package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestControlCharsDropped: C0 control characters other than white space,
// and DEL, are no text: a browser draws nothing for them, and kept they
// reached the stored text, the briefings citing it and the Markdown
// export.
func TestControlCharsDropped(t *testing.T) {
	t.Parallel()
	const page = "<!doctype html><html><head><title>Ferry\x01 timetable changes for the\x7f winter</title></head><body><article>" +
		"<h1>Ferry\x01 timetable changes for the\x7f winter</h1>" +
		"<p>The island ferry\x0b will run\x01 four times a day from December, the operator Brannock Lines said on Monday, cutting two evening crossings\x1f because of falling demand.</p>" +
		"<p>Commuters said\x0c the change would make it harder to reach jobs in Port Anselm, and the island council asked the operator to keep one late crossing on Fridays.</p>" +
		"</article></body></html>"
	res, err := Extract([]byte(page), "https://ferry.example/news/timetable")
	if err != nil {
		t.Fatal(err)
	}
	control := func(s string) []string {
		var out []string
		for _, r := range s {
			if (r < 0x20 && r != '\n') || r == 0x7f || r == '\uFFFD' {
				out = append(out, string(r))
			}
		}
		return out
	}
	got := map[string][]string{"title": control(res.Title), "text": control(res.Text)}
	if diff := cmp.Diff(map[string][]string{"title": nil, "text": nil}, got); diff != "" {
		t.Errorf("control characters kept (-want +got):\n%s\ntext: %q", diff, res.Text)
	}
	for _, want := range []string{"The island ferry will run four times a day", "crossings because of falling demand", "Commuters said the change"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("text lacks %q: %q", want, res.Text)
		}
	}
	if want := "Ferry timetable changes for the winter"; res.Title != want {
		t.Errorf("title %q, want %q", res.Title, want)
	}
}
