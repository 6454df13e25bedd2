package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sentenceTexts(s string) []string {
	var out []string
	for _, sp := range Sentences(s) {
		out = append(out, sp.Of(s))
	}
	return out
}

func TestSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "The vote passed. It was close.", []string{"The vote passed.", "It was close."}},
		{"abbreviations", "Mr. Smith met Dr. Jones at 5 p.m. on Friday. They talked.",
			[]string{"Mr. Smith met Dr. Jones at 5 p.m. on Friday.", "They talked."}},
		{"initials", "John F. Kennedy spoke. Then he left.", []string{"John F. Kennedy spoke.", "Then he left."}},
		{"dotted initials", "J.D. Salinger wrote. W.E.B. Du Bois spoke at the U.N. The end.",
			[]string{"J.D. Salinger wrote.", "W.E.B. Du Bois spoke at the U.N.", "The end."}},
		{"dotted initials end a sentence before an opener", "He met J.D. He left.", []string{"He met J.D.", "He left."}},
		{"titles", "The Rev. Al Sharpton and the Hon. Jane Doe, D-Del., spoke.", []string{"The Rev. Al Sharpton and the Hon. Jane Doe, D-Del., spoke."}},
		{"decimals", "Growth was 2.5 percent. Prices rose 3.1%.", []string{"Growth was 2.5 percent.", "Prices rose 3.1%."}},
		{"us", "She moved to the U.S. in 2010 and stayed.", []string{"She moved to the U.S. in 2010 and stayed."}},
		{"quote ends sentence", `He said, "It is over." Then he left.`, []string{`He said, "It is over."`, "Then he left."}},
		{"quote with attribution", `"Why me?" Trump said. "I won."`, []string{`"Why me?" Trump said.`, `"I won."`}},
		{"lower after question", `"Why me?" he asked.`, []string{`"Why me?" he asked.`}},
		{"paragraphs", "Headline without stop\n\nFirst line. Second line.", []string{"Headline without stop", "First line.", "Second line."}},
		{"spanish marks", "¿Quién ganó? ¡Nadie lo sabe! El Sr. Pérez habló.",
			[]string{"¿Quién ganó?", "¡Nadie lo sabe!", "El Sr. Pérez habló."}},
		{"spanish decimal", "El paro bajó al 3,5 %. La cifra es 1.234.", []string{"El paro bajó al 3,5 %.", "La cifra es 1.234."}},
		{"ellipsis", "He paused... Then he went on.", []string{"He paused...", "Then he went on."}},
		{"empty", "   \n\n ", nil},
		{"curly mark opens without a space", "He left.“We will be back,” she said.", []string{"He left.", "“We will be back,” she said."}},
		{"curly mark opens after a question without a space", "Why now?“Because we can,” he said.", []string{"Why now?", "“Because we can,” he said."}},
		{"curly mark before lower case", "He said no.“maybe” came later.", []string{"He said no.“maybe” came later."}},
		{"curly mark closes before a space", "Who can guarantee it?“ he asked.", []string{"Who can guarantee it?“ he asked."}},
		{"spanish angle mark opens without a space", "Se fue.«Volveremos», dijo.", []string{"Se fue.", "«Volveremos», dijo."}},
		{"spanish angle mark before ¿ without a space", "Se fue.«¿Volverás?», dijo.", []string{"Se fue.", "«¿Volverás?», dijo."}},
		{"spanish angle mark before ¡ without a space", "Se fue.«¡Volveremos!», gritó.", []string{"Se fue.", "«¡Volveremos!», gritó."}},
		{"spanish curly mark before ¿ without a space", "He said.“¿Qué?” No.", []string{"He said.", "“¿Qué?”", "No."}},
		{"german low mark opens without a space", "Er ging.„Wir kommen wieder“, sagte sie.", []string{"Er ging.", "„Wir kommen wieder“, sagte sie."}},
		{"german low mark opens", "Er ging. „Wir kommen wieder“, sagte sie.", []string{"Er ging.", "„Wir kommen wieder“, sagte sie."}},
		{"german curly mark closes", "„Wir gewinnen.“ Dann ging er.", []string{"„Wir gewinnen.“", "Dann ging er."}},
		{"german angle mark opens", "Er ging. »Wir kommen wieder«, sagte sie.", []string{"Er ging.", "»Wir kommen wieder«, sagte sie."}},
		{"german angle mark closes", "»Wir gewinnen.« Dann ging er.", []string{"»Wir gewinnen.«", "Dann ging er."}},
		{"french angle mark closes after a space", "« Il part. » Puis il revient.", []string{"« Il part. » Puis il revient."}},
		{"abbreviation before a curly mark", "She moved to the U.S.“It was home,” she said.", []string{"She moved to the U.S.“It was home,” she said."}},
		{"plural and military titles", "Democratic Sens. Ana Ruiz and Tom Bell and GOP Reps. Jo Park and Lee Chan met Amb. Bill Ward, Maj. Gen. Ali Reza and Brig. Gen. Sam Ode. They left.",
			[]string{"Democratic Sens. Ana Ruiz and Tom Bell and GOP Reps. Jo Park and Lee Chan met Amb. Bill Ward, Maj. Gen. Ali Reza and Brig. Gen. Sam Ode.", "They left."}},
		{"deputy and resolution", "He met Dep. Chief Joe Moro. The House passed H. Res. 601 on Monday.", []string{"He met Dep. Chief Joe Moro.", "The House passed H. Res. 601 on Monday."}},
		{"state before a dateline credit", "SACRAMENTO, Calif. (AP) — The governor signed the bill. It takes effect in May.",
			[]string{"SACRAMENTO, Calif. (AP) — The governor signed the bill.", "It takes effect in May."}},
		{"dotted state before a dateline credit", "CHARLESTON, W.Va. (AP) — Police say a man fled. NEWARK, N.J. (AP) — He was found.",
			[]string{"CHARLESTON, W.Va. (AP) — Police say a man fled.", "NEWARK, N.J. (AP) — He was found."}},
		{"state ends a sentence", "The rally was in Kenosha, Wis. The game was called off. It was in Farmville, Va. Gov. Ana Ruiz spoke.",
			[]string{"The rally was in Kenosha, Wis.", "The game was called off.", "It was in Farmville, Va.", "Gov. Ana Ruiz spoke."}},
		{"suffix ends a sentence before an opener", "The video was shared by Donald Trump Jr. The clip was removed. Acme Inc. By noon it had fallen.",
			[]string{"The video was shared by Donald Trump Jr.", "The clip was removed.", "Acme Inc.", "By noon it had fallen."}},
		{"suffix before a name", "They marked Martin Luther King Jr. Day in Atlanta with Acme Inc. President Jo Park.",
			[]string{"They marked Martin Luther King Jr. Day in Atlanta with Acme Inc. President Jo Park."}},
		{"stop without a space before an opener", "Her testimony has ended.The committee will meet. We look at it.We’ll see.",
			[]string{"Her testimony has ended.", "The committee will meet.", "We look at it.", "We’ll see."}},
		{"stop without a space in a name", "He spoke on Hill.TV and Booking.Com on Monday.", []string{"He spoke on Hill.TV and Booking.Com on Monday."}},
		{"bullets", "Jobs were added last month. ■ The unemployment rate was 3.8 percent. ■ 20,000 jobs were added.",
			[]string{"Jobs were added last month.", "The unemployment rate was 3.8 percent.", "20,000 jobs were added."}},
		{"bullet without a space", "Brands changed. ►The pancake brand was renamed. • Others followed", []string{"Brands changed.", "The pancake brand was renamed.", "Others followed"}},
		// A plural title or a rank is written with a capital before a
		// name; in lower case the same letters are a word ending its
		// sentence.
		{"lower-case rank words end a sentence", "Do 3 sets of 10 reps. Then rest. He was sent to the brig. The crew cheered.",
			[]string{"Do 3 sets of 10 reps.", "Then rest.", "He was sent to the brig.", "The crew cheered."}},
		// Sr. and Jr. close a name that precedes them; Spanish Sr.
		// (señor) is a title before the name and ends nothing.
		{"suffix after a name ends a sentence", "No charges apply to Norris Greenhouse Sr. He is a father. It was Martin Luther King, Jr. The end.",
			[]string{"No charges apply to Norris Greenhouse Sr.", "He is a father.", "It was Martin Luther King, Jr.", "The end."}},
		{"spanish title before a name", "Habló con el Sr. De la Fuente ayer. Sr. La Rosa, gracias.",
			[]string{"Habló con el Sr. De la Fuente ayer.", "Sr. La Rosa, gracias."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, sentenceTexts(tc.in)); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, World!", []string{"hello", "world"}},
		{"El niño comió 3,5 kg.", []string{"el", "niño", "comió", "3", "5", "kg"}},
		{"snake_case x", []string{"snake_case", "x"}},
		{"", nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, Words(tc.in)); diff != "" {
			t.Errorf("Words(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"María López", "maria lopez"},
		{"  Trump’s ", "trump"},
		{"O'Malley's", "o'malley"},
		{"ÁNGELA   Merkel", "angela merkel"},
	}
	for _, tc := range tests {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestGuessLang(t *testing.T) {
	t.Parallel()
	if got := GuessLang("El Gobierno aprobó la ley que los partidos pedían."); got != "es" {
		t.Errorf("GuessLang(es) = %q", got)
	}
	if got := GuessLang("The government passed the law that the parties wanted."); got != "en" {
		t.Errorf("GuessLang(en) = %q", got)
	}
}
