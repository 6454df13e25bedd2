package text

import "testing"

func TestZZScratch(t *testing.T) {
	for _, s := range []string{
		"Donors pledged more than $3 billion at the conference.",
		"The $2.5 billion fund will be run by the United Nations.",
	} {
		for _, e := range Entities(s) {
			t.Logf("%q: %q %s", s, e.Text, e.Kind)
		}
		for _, f := range Figures(s, "") {
			t.Logf("   fig %q q=%q giv=%v rec=%v names=%v", f.Text, f.Quantity, f.Event.Givers, f.Event.Recipients, f.Event.names)
		}
	}
}
