package write

import (
	"errors"
	"strings"
	"testing"
)

// spans are the numbered sources the verifier tests cite.
var spans = []Source{
	{N: 1, Text: "The city council approved a $2.3 billion budget on Tuesday after three weeks of talks."},
	{N: 2, Text: "Mayor Haley Morris said the plan would \"protect every neighbourhood library\" and add 1,200 jobs."},
	{N: 3, Text: "The transport union did not endorse the budget, citing cuts to night buses."},
	{N: 4, Text: "Officials said 40 percent of the money goes to schools."},
	{N: 5, Text: "El puente del río Tajo reabrirá al tráfico en marzo tras las obras."},
	{N: 6, Text: "El sindicato nunca apoyó el presupuesto municipal de la ciudad."},
}

func TestVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		draft  Draft
		reason string // "" means supported; else a substring of the rejection
	}{
		{"paraphrase kept", Draft{"After three weeks of talks, the city council approved a $2.3 billion budget.", []int{1}}, ""},
		{"inflection kept", Draft{"The council approves a $2.3 billion budget after talks lasting three weeks.", []int{1}}, ""},
		{"two spans kept", Draft{"Mayor Haley Morris said the budget would add 1,200 jobs.", []int{1, 2}}, ""},
		{"digits without separator kept", Draft{"The plan would add 1200 jobs, Morris said.", []int{2}}, ""},
		{"exact quote kept", Draft{"Morris said the plan would \"protect every neighbourhood library\".", []int{2}}, ""},
		{"curly quote kept", Draft{"Morris said the plan would “protect every neighbourhood library”.", []int{2}}, ""},
		{"single curly quote kept", Draft{"Morris said the plan would ‘protect every neighbourhood library’.", []int{2}}, ""},
		{"negation kept", Draft{"The transport union did not endorse the budget.", []int{3}}, ""},
		{"percent kept", Draft{"Officials said 40 percent of the money goes to schools.", []int{4}}, ""},

		{"no citation", Draft{"The city council approved a $2.3 billion budget.", nil}, "cites no span"},
		{"empty text", Draft{"  ", []int{1}}, "empty"},
		{"missing span", Draft{"The city council approved a $2.3 billion budget.", []int{9}}, "does not exist"},
		{"zero span", Draft{"The city council approved a $2.3 billion budget.", []int{0}}, "does not exist"},
		{"wrong span", Draft{"The city council approved a $2.3 billion budget.", []int{3}}, "not in a cited span"},
		{"changed money", Draft{"The city council approved a $2.8 billion budget.", []int{1}}, "figure"},
		{"changed unit", Draft{"The city council approved a $2.3 million budget.", []int{1}}, "figure"},
		{"changed count", Draft{"The plan would add 1,500 jobs, Morris said.", []int{2}}, "1,500"},
		{"decimal read as an integer", Draft{"The city council approved budget 23 on Tuesday after three weeks of talks.", []int{1}}, "\"23"},
		{"invented number", Draft{"The city council approved the budget by 7 votes to 2.", []int{1}}, "\"7"},
		{"changed percent", Draft{"Officials said 45 percent of the money goes to schools.", []int{4}}, "figure"},
		{"invented name", Draft{"Governor Alan Brooks said the plan would add 1,200 jobs.", []int{2}}, "name"},
		{"swapped name", Draft{"Mayor Haley Brooks said the plan would add 1,200 jobs.", []int{2}}, "name"},
		{"altered quote", Draft{"Morris said the plan would \"protect every library\".", []int{2}}, "quotation"},
		{"altered single curly quote", Draft{"Morris said the plan would ‘protect every library’.", []int{2}}, "quotation"},
		{"invented quote", Draft{"Morris said: “this is a great day for the city”.", []int{2}}, "quotation"},
		{"unbalanced quote", Draft{"Morris said the plan would \"protect every neighbourhood library.", []int{2}}, "quotation"},
		{"negation added", Draft{"The city council did not approve a $2.3 billion budget.", []int{1}}, "negates"},
		{"negation added by contraction", Draft{"The city council didn't approve a $2.3 billion budget.", []int{1}}, "negates"},
		{"negation dropped", Draft{"The transport union endorsed the budget.", []int{3}}, "asserts"},
		{"negation never", Draft{"Officials said the money never goes to schools.", []int{4}}, "negates"},
		{"spanish kept", Draft{"El puente del río Tajo reabrirá al tráfico en marzo.", []int{5}}, ""},
		{"spanish negation kept", Draft{"El sindicato nunca apoyó el presupuesto municipal.", []int{6}}, ""},
		{"spanish negation nunca added", Draft{"El puente del río Tajo nunca reabrirá al tráfico en marzo.", []int{5}}, "negates"},
		{"spanish negation jamás added", Draft{"El puente del río Tajo jamás reabrirá al tráfico en marzo tras las obras.", []int{5}}, "negates"},
		{"spanish negation dropped", Draft{"El sindicato apoyó el presupuesto municipal de la ciudad.", []int{6}}, "asserts"},
		{"invented claim", Draft{"The council approved the budget despite fierce protests from angry residents downtown.", []int{1}}, "content words"},
		{"claim from an uncited span", Draft{"The council approved the budget, which the transport union refused to endorse.", []int{1}}, "content words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Verify(tt.draft, spans)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("Verify(%q) = %v, want supported", tt.draft.Text, err)
				}
				return
			}
			var r *Rejection
			if !errors.As(err, &r) {
				t.Fatalf("Verify(%q) = %v, want a *Rejection mentioning %q", tt.draft.Text, err, tt.reason)
			}
			if !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("Verify(%q) reason %q, want it to mention %q", tt.draft.Text, r.Reason, tt.reason)
			}
		})
	}
}

// TestVerifyDeterministic checks that the verdict does not depend on map
// iteration order, which the negation and name checks walk.
func TestDigits(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"1200": "1200", "1,200": "1200", "1.200": "1200", "1,200,000": "1200000",
		"2.3": "2.3", "2,3": "2.3", "1,234.5": "1234.5", "1.234,5": "1234.5", "40": "40", "40.0": "40",
	} {
		if got := digits(in); got != want {
			t.Errorf("digits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVerifyDeterministic(t *testing.T) {
	t.Parallel()
	d := Draft{"The union did not endorse the budget, and the council did not approve it.", []int{1, 3}}
	first := Verify(d, spans)
	if first == nil {
		t.Fatal("want a rejection")
	}
	for range 50 {
		if got := Verify(d, spans); got == nil || got.Error() != first.Error() {
			t.Fatalf("Verify = %v, then %v", first, got)
		}
	}
}
