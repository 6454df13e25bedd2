package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type ent struct {
	Text string
	Kind EntityKind
}

func entityList(s string) []ent {
	var out []ent
	for _, e := range Entities(s) {
		out = append(out, ent{e.Text, e.Kind})
	}
	return out
}

func TestEntities(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     []ent
	}{
		{"title and place", "President Joe Biden flew to Paris on Monday.",
			[]ent{{"Joe Biden", Person}, {"Paris", Place}}},
		{"sentence opener dropped", "The Ministry of Health said on Tuesday that Maria Lopez would lead it.",
			[]ent{{"Ministry of Health", Organization}, {"Maria Lopez", Person}}},
		{"surname after full name", "Maria Lopez arrived. Later, Lopez spoke.",
			[]ent{{"Maria Lopez", Person}, {"Lopez", Person}}},
		{"honorific", "Mr. Smith and Dr. Jones disagreed.", []ent{{"Smith", Person}, {"Jones", Person}}},
		// The splitter keeps a plural title or a rank with the name it
		// precedes, so the title must not join the name.
		{"plural title", "Sens. Jon Tester and Jeff Merkley objected.", []ent{{"Jon Tester", Person}, {"Jeff Merkley", Person}}},
		{"rank", "Maj. Gen. Ann Lee and Cpl. Tom Ray arrived.", []ent{{"Ann Lee", Person}, {"Tom Ray", Person}}},
		{"a title before an organisation head is part of the organisation", "She took the helm at the Justice Department in 2015.",
			[]ent{{"Justice Department", Organization}}},
		{"an organisation and a title before a given name", "Ohio Democratic Party Chairman David Pepper called it a win.",
			[]ent{{"David Pepper", Person}}},
		{"and splits names", "Donald Trump and Ted Cruz met in Iowa.",
			[]ent{{"Donald Trump", Person}, {"Ted Cruz", Person}, {"Iowa", Place}}},
		{"acronym org", "NATO and the UN met in New York.",
			[]ent{{"NATO", Organization}, {"UN", Organization}, {"New York", Place}}},
		{"spanish", "La ministra Carolina Darias visitó el Ministerio de Sanidad en Sevilla.",
			[]ent{{"Carolina Darias", Person}, {"Ministerio de Sanidad", Organization}, {"Sevilla", Place}}},
		{"spanish title", "El presidente Pedro Sánchez habló con la Comisión Europea.",
			[]ent{{"Pedro Sánchez", Person}, {"Comisión Europea", Organization}}},
		{"possessive", "Clinton’s campaign answered Trump’s ad.", []ent{{"Clinton", OtherEntity}, {"Trump", OtherEntity}}},
		{"headline words", "Ben Carson Defends Himself Against Claims\n\nCarson said it.",
			[]ent{{"Carson", OtherEntity}}},
		{"role appositive", "Haley Morris, a spokeswoman for the campaign, declined.",
			[]ent{{"Haley Morris", Person}}},
		{"a sentence-opening surname before an adverb and a speech verb", "Halloran openly admitted the plan had failed.",
			[]ent{{"Halloran", OtherEntity}}},
		{"a sentence-opening word before an adverb and another verb", "Nobody openly backed the plan.",
			nil},
		{"months are not names", "In March, Angela Merkel visited Berlin.",
			[]ent{{"Angela Merkel", Person}, {"Berlin", Place}}},
		// A hyphenated name is one name, in English and Spanish, with a
		// hyphen or a non-breaking hyphen (U+2011); an en dash joins two.
		{"hyphenated surname, Spanish", "Ana García-Márquez visitó Sevilla el lunes. García-Márquez dijo que volvería.",
			[]ent{{"Ana García-Márquez", Person}, {"Sevilla", Place}, {"García-Márquez", Person}}},
		{"hyphenated given name", "Jean-Luc Mélenchon spoke in Paris. Mélenchon said he would run.",
			[]ent{{"Jean-Luc Mélenchon", Person}, {"Paris", Place}, {"Mélenchon", Person}}},
		{"hyphenated surname, English", "Andrew Lloyd-Webber opened a show. Lloyd-Webber said it was his last.",
			[]ent{{"Andrew Lloyd-Webber", Person}, {"Lloyd-Webber", Person}}},
		{"non-breaking hyphen", "Andrew Lloyd\u2011Webber opened a show. Lloyd\u2011Webber said it was his last.",
			[]ent{{"Andrew Lloyd\u2011Webber", Person}, {"Lloyd\u2011Webber", Person}}},
		// Alone, a hyphenated word is no given name even if its first
		// part is one.
		{"a hyphenated organisation", "Fighters loyal to Al-Qaeda attacked the town.",
			[]ent{{"Al-Qaeda", OtherEntity}}},
		{"a hyphenated brand", "Sales at Mercedes-Benz rose.",
			[]ent{{"Mercedes-Benz", OtherEntity}}},
		{"an en dash joins two names", "The Paris–Berlin train left on time.",
			[]ent{{"Paris", Place}, {"Berlin", Place}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, entityList(tc.in)); diff != "" {
				t.Errorf("Entities(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestEntitySpans(t *testing.T) {
	t.Parallel()
	s := "Secretary of State John Kerry met Prime Minister Theresa May in London."
	for _, e := range Entities(s) {
		if e.Span.Of(s) != e.Text {
			t.Errorf("span %v is %q, text %q", e.Span, e.Span.Of(s), e.Text)
		}
		if e.Key != Key(e.Text) {
			t.Errorf("key %q, want %q", e.Key, Key(e.Text))
		}
	}
	got := entityList(s)
	want := []ent{{"John Kerry", Person}, {"Theresa May", Person}, {"London", Place}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestCorefer(t *testing.T) {
	t.Parallel()
	mk := func(text string, k EntityKind) Entity { return Entity{Text: text, Kind: k, Key: Key(text)} }
	tests := []struct {
		a, b Entity
		want bool
	}{
		{mk("Maria Lopez", Person), mk("Lopez", Person), true},
		{mk("María López", Person), mk("Maria Lopez", Person), true},
		{mk("Andrés Manuel López Obrador", Person), mk("López Obrador", Person), true},
		{mk("Maria Lopez", Person), mk("Maria", Person), false},
		{mk("Maria Lopez", Person), mk("Lopez Garcia", Person), false},
		{mk("North Atlantic Treaty Organization", Organization), mk("NATO", Organization), true},
		{mk("Bank of America", Organization), mk("BOA", Organization), true},
		{mk("Paris", Place), mk("Paris Hilton", Person), false},
		{mk("Lopez", Person), mk("", Person), false},
		{mk("Ana García-Márquez", Person), mk("García-Márquez", Person), true},
		{mk("Ana García-Márquez", Person), mk("Márquez", Person), false},
	}
	for _, tc := range tests {
		if got := Corefer(tc.a, tc.b); got != tc.want {
			t.Errorf("Corefer(%q, %q) = %v, want %v", tc.a.Text, tc.b.Text, got, tc.want)
		}
		if got := Corefer(tc.b, tc.a); got != tc.want {
			t.Errorf("Corefer(%q, %q) = %v, want %v (reversed)", tc.b.Text, tc.a.Text, got, tc.want)
		}
	}
}

func TestPersonGender(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, want string }{
		{"Maria Lopez", "f"},
		{"Ana-Maria Pop", "f"},
		// A hyphenated word alone is no given name.
		{"Mercedes-Benz", ""},
	}
	for _, tc := range tests {
		e := Entity{Text: tc.name, Key: Key(tc.name), Kind: Person}
		if got := personGender(e); got != tc.want {
			t.Errorf("personGender(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
