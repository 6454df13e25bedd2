package brief

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

func TestNearDuplicate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"She will lead the agency from May.", "Moreno will lead the agency from May.", true},
		{"About 700 homes and 90 businesses were damaged, according to the city of Lanmere.", "About 700 homes and 90 businesses were damaged in Lanmere.", true},
		{"Valdria Rail has offered 4.5 percent.", "The union is seeking a 9 percent pay rise, while Valdria Rail has offered 4.5 percent.", true},
		{"Ella dirigirá la agencia desde mayo.", "Moreno dirigirá la agencia desde mayo.", true},
		{"Moreno will lead the agency from May.", "Moreno said the agency would cut water prices for farmers.", false},
		{"The bridge will stay closed for 6 weeks.", "Buses will be diverted over the old ferry road.", false},
		{"Moreno won.", "Moreno won again.", false}, // too short to tell
	}
	for _, tc := range tests {
		t.Run(tc.a, func(t *testing.T) {
			t.Parallel()
			a, b := conceptSet(tc.a), conceptSet(tc.b)
			if got := nearDuplicate(a, b); got != tc.want {
				t.Errorf("nearDuplicate(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if got := nearDuplicate(b, a); got != tc.want {
				t.Errorf("nearDuplicate(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
			}
		})
	}
}

func TestOpensOnPronoun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s, lang string
		want    bool
	}{
		{"She will lead the agency from May.", "en", true},
		{"He said the plan would cost $4 million.", "en", true},
		{"They voted against the bill.", "en", true},
		{"It will reopen on Monday.", "en", true},
		{"Its chief engineer said the dam was sound.", "en", true},
		{"It was not clear whether the dam would hold.", "en", false},
		{"It’s no secret that the budget is tight.", "en", false},
		{"It seemed like a coup: scores of Republicans backed her.", "en", false},
		{"It seems the Pentagon is going ahead with the plan.", "en", false},
		{"It took over 200 attempts, but the Senate passed the bill.", "en", false},
		{"It became apparent today that the leaders lacked the votes.", "en", false},
		{"It has been clear for weeks that the talks would fail.", "en", false},
		{"It had been dubbed a brilliant move: Kim had booked the same hotel.", "en", false},
		{"It all comes down to intent.", "en", true},
		{"It will reopen at 10:30 on Monday.", "en", true}, // a clock's colon brings in no clause
		{"It won 3:1 on penalties.", "en", true},
		{"It was a historic day for the city.", "en", true},
		{"It has closed the bridge.", "en", true},
		{"Their debate canceled, the two will hold town halls.", "en", true},
		{"Moreno will lead the agency from May.", "en", false},
		{"Shelters opened in three towns.", "en", false},
		{"This week the council voted.", "en", false},
		{"Ella dirigirá la agencia desde mayo.", "es", true},
		{"Dijo que el puente seguirá cerrado.", "es", true},
		{"Su mandato empieza en abril.", "es", true},
		{"Moreno dirigirá la agencia desde mayo.", "es", false},
		{"El alcalde dijo que el puente seguirá cerrado.", "es", false},
		{"He dicho que no.", "es", false}, // Spanish "he": I have
		{"She will lead the agency.", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.s, func(t *testing.T) {
			t.Parallel()
			if got := opensOnPronoun(tc.s, tc.lang); got != tc.want {
				t.Errorf("opensOnPronoun(%q, %q) = %v, want %v", tc.s, tc.lang, got, tc.want)
			}
		})
	}
}

func TestStoryNames(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{Text: "Maria Lopez won the race. Organisers said she ran well. The Race was hot."},
		{Text: "Lopez finished first, ahead of Ana Ruiz. The race drew 12,000 runners."},
	}
	want := map[string]bool{"lopez": true, "ruiz": true, "ana": true}
	if diff := cmp.Diff(want, storyNames(arts)); diff != "" {
		t.Errorf("storyNames (-want +got):\n%s", diff)
	}
}

// nameFirstOrder puts the sentences in through nameFirst, each marked by
// marks (whether it leans on a pronoun, whether it refers back), with
// names the story's, and returns them in the order nameFirst leaves.
func nameFirstOrder(in []string, marks func(s string) (leans, refers bool), names ...string) []string {
	cs := make([]candidate, len(in))
	for i, s := range in {
		cs[i].u.text = s
		cs[i].leans, cs[i].refers = marks(s)
	}
	named := map[string]bool{}
	for _, n := range names {
		named[n] = true
	}
	nameFirst(cs, func(u unit) bool { return namesSomeone(u.text, named) })
	var got []string
	for _, c := range cs {
		got = append(got, c.u.text)
	}
	return got
}

func TestNameFirst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"already named", []string{"Moreno won.", "She said so."}, []string{"Moreno won.", "She said so."}},
		{"pronoun first", []string{"She said so.", "It rained.", "Moreno won.", "Turnout fell."}, []string{"Moreno won.", "She said so.", "It rained.", "Turnout fell."}},
		{"the one naming someone first", []string{"She said so.", "Turnout fell.", "Moreno won."}, []string{"Moreno won.", "She said so.", "Turnout fell."}},
		{"none names anyone", []string{"She said so.", "It rained.", "Turnout fell.", "Polls closed."}, []string{"Turnout fell.", "She said so.", "It rained.", "Polls closed."}},
		{"all pronouns", []string{"She said so.", "He agreed."}, []string{"She said so.", "He agreed."}},
		{"empty", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := nameFirstOrder(tc.in, func(s string) (bool, bool) {
				return opensOnPronoun(s, "en"), refersBack(s, "en")
			}, "moreno")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSummaryReadable summarises stories whose summary, before the
// readability rules, opened on a pronoun: the only sentences naming the
// runner are leads too long to show, or a later sentence. (Restatements:
// TestDemoSummariesReadable, whose demo stories had them.)
func TestSummaryReadable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		words    int // the budget; 0 for the default
		articles []news.Article
	}{
		{
			name: "named only in long leads",
			articles: []news.Article{
				{ID: 1, Title: "Lopez wins city marathon", Text: "Maria Lopez, a 34-year-old schoolteacher from the northern suburbs who took up running only six years ago after her doctor told her to get more exercise, won the city marathon on Sunday in two hours and 31 minutes, beating a field of more than 12,000 runners that included three former national champions and the winner of last year's race by almost four minutes. She won the city marathon in two hours and 31 minutes. She said she had trained before work every morning since January. Lopez plans to run in the national championships in June."},
				{ID: 2, Title: "Schoolteacher Lopez wins marathon", Text: "Maria Lopez, a schoolteacher who took up running six years ago, won the city marathon on Sunday, finishing in two hours and 31 minutes on the warmest race day in a decade, ahead of three former national champions and last year's winner, who dropped out after 30 kilometres with cramp, organisers said in a statement after the race, which drew 12,000 runners. She finished almost four minutes ahead of the field. Organisers said it was the warmest race in a decade."},
			},
		},
		{
			name: "nombrada solo en entradillas largas",
			articles: []news.Article{
				{ID: 1, Lang: "es", Title: "López gana el maratón de la ciudad", Text: "María López, una maestra de 34 años de los barrios del norte que empezó a correr hace solo seis años por consejo de su médico, ganó el domingo el maratón de la ciudad con un tiempo de dos horas y 31 minutos, por delante de más de 12.000 corredores entre los que había tres antiguos campeones nacionales y el ganador del año pasado, según informaron los organizadores. Dijo que se entrenó cada mañana antes del trabajo desde enero. Ella ganó el maratón con casi cuatro minutos de ventaja. López correrá el campeonato nacional en junio."},
				{ID: 2, Lang: "es", Title: "Una maestra gana el maratón", Text: "María López, una maestra que empezó a correr hace seis años, ganó el domingo el maratón de la ciudad con dos horas y 31 minutos en el día de carrera más caluroso de la década, por delante de tres antiguos campeones nacionales y del ganador del año pasado, que abandonó tras 30 kilómetros por calambres, según un comunicado de los organizadores. Ella terminó casi cuatro minutos por delante del resto. Los organizadores dijeron que fue la carrera más calurosa en una década."},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Summarize(tc.articles, SummaryOptions{Words: tc.words})
			if len(got) < 2 {
				// Fewer sentences could neither restate one another nor
				// lean on one before: the check would pass on nothing.
				t.Fatalf("summary of %d sentences, want at least 2: %v", len(got), got)
			}
			checkReadable(t, got, tc.articles)
		})
	}
}

// checkReadable fails if a summary holds two sentences that restate each
// other or opens on a pronoun.
func checkReadable(t *testing.T, items []news.Item, articles []news.Article) {
	t.Helper()
	langs := articleLangs(articles)
	lang := func(it news.Item) string {
		for i, a := range articles {
			if a.ID == it.Citations[0].ArticleID {
				return langs[i]
			}
		}
		return ""
	}
	for i, it := range items {
		for _, prev := range items[:i] {
			if nearDuplicate(conceptSet(prev.Text), conceptSet(it.Text)) {
				t.Errorf("summary restates %q as %q", prev.Text, it.Text)
			}
		}
	}
	if len(items) > 0 && opensOnPronoun(items[0].Text, lang(items[0])) {
		t.Errorf("summary opens on a pronoun: %q", items[0].Text)
	}
	for i := 1; i < len(items); i++ {
		if opensOnPronoun(items[i].Text, lang(items[i])) && !namesReferent(items[i-1].Text, items[i].Text) {
			t.Errorf("%q follows %q, which names nothing it can refer to", items[i].Text, items[i-1].Text)
		}
	}
}

// TestDemoSummariesReadable builds every demo story, at the default budget
// and at 400 words, and wants no summary to restate a sentence or open on
// a pronoun. Before the rules, 3 of the 21 summaries restated one (7 at
// 400 words: "She will take office on 1 April." beside "Moreno will take
// office on 1 April.").
func TestDemoSummariesReadable(t *testing.T) {
	t.Parallel()
	inputs := demoInputs(t)
	if len(inputs) == 0 {
		t.Fatal("no demo story to check")
	}
	for key, in := range inputs {
		for _, words := range []int{0, 400} {
			b := Build(in, Options{SummaryWords: words})
			i := slices.IndexFunc(b.Sections, func(s news.Section) bool { return s.Kind == news.SectionSummary })
			if i < 0 {
				t.Errorf("%s at %d words: no summary to check", key, words)
				continue
			}
			t.Run(key, func(t *testing.T) { checkReadable(t, b.Sections[i].Items, in.Articles) })
		}
	}
}

// TestSummaryOnlyPronounOpeners wants a summary even of a story whose
// every sentence opens on a pronoun: under its headline, such a summary
// says more than none.
func TestSummaryOnlyPronounOpeners(t *testing.T) {
	t.Parallel()
	arts := []news.Article{
		{ID: 1, Title: "Lopez wins city marathon", Text: "She won the city marathon on Sunday in two hours and 31 minutes. She said she had trained before work every morning since January. Her coach said the race was her best."},
		{ID: 2, Title: "Schoolteacher wins marathon", Text: "She finished almost four minutes ahead of the field on Sunday. They said it was the warmest race in a decade."},
	}
	if got := Summarize(arts, SummaryOptions{}); len(got) == 0 {
		t.Error("no summary")
	}
}

// TestPlaceLeaners wants a sentence that opens on a pronoun right after
// one naming a referent of its kind, or left out.
func TestPlaceLeaners(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			name: "its after a person moves after the organisation",
			in: []string{
				"The National Water Authority said the cracks measured about 40 metres.",
				"Lanmere mayor Piet Halloran welcomed the fund.",
				"Its chief engineer, Samuel Idowu, said the dam was sound.",
			},
			want: []string{
				"The National Water Authority said the cracks measured about 40 metres.",
				"Its chief engineer, Samuel Idowu, said the dam was sound.",
				"Lanmere mayor Piet Halloran welcomed the fund.",
			},
		},
		{
			name: "its with nothing to refer to is left out",
			in: []string{
				"Lanmere mayor Piet Halloran welcomed the fund.",
				"Its chief engineer, Samuel Idowu, said the dam was sound.",
			},
			want: []string{"Lanmere mayor Piet Halloran welcomed the fund."},
		},
		{
			name: "his right after a person stays",
			in: []string{
				"The National Water Authority said the cracks were old.",
				"Lanmere mayor Piet Halloran welcomed the fund.",
				"His office said repairs would start in May.",
			},
			want: []string{
				"The National Water Authority said the cracks were old.",
				"Lanmere mayor Piet Halloran welcomed the fund.",
				"His office said repairs would start in May.",
			},
		},
		{
			name: "su after any name stays",
			in: []string{
				"El Gobierno aprobó el plan el lunes.",
				"Su portavoz dijo que el dinero llegará en mayo.",
			},
			want: []string{
				"El Gobierno aprobó el plan el lunes.",
				"Su portavoz dijo que el dinero llegará en mayo.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var cands []candidate
			for _, s := range tt.in {
				lang := text.GuessLang(s)
				cands = append(cands, candidate{u: unit{text: s}, leans: opensOnPronoun(s, lang)})
			}
			var got []string
			for _, c := range placeLeaners(cands) {
				got = append(got, c.u.text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("placeLeaners mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRefersBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s, lang string
		want    bool
	}{
		// Openers that point back.
		{"Most of the cases are children at two primary schools.", "en", true},
		{"Many of them were still without power on Sunday.", "en", true},
		{"All are recovering, the hospital said.", "en", true},
		{"Some have been amplified by the president and his team.", "en", true},
		{"The move follows weeks of protests.", "en", true},
		{"The decision was welcomed by the union.", "en", true},
		{"The two men were arrested at the border.", "en", true},
		{"The latter was not charged.", "en", true},
		{"Both said the talks would resume on Monday.", "en", true},
		{"Both men were arrested at the border.", "en", true},
		{"Both of them denied the charges.", "en", true},
		{"This is what a feeding frenzy looks like.", "en", true},
		{"Those comments came after the vote.", "en", true},
		{"Such cuts would close three schools.", "en", true},
		{"“This is a scandal,” Senator Jeff Merkley said.", "en", true},
		{"But the union said it would strike again.", "en", true},
		{"However, the bank kept its forecast.", "en", true},
		{"As a result, trains were cancelled.", "en", true},
		{"Others said the plan came too late.", "en", true},
		{"She said the plan came too late.", "en", true}, // a pronoun, as opensOnPronoun
		// Openers that stand on their own.
		{"Health officials confirmed 23 cases of measles on Thursday.", "en", false},
		{"Most trains were cancelled on Monday.", "en", false},
		{"All flights from the capital were grounded.", "en", false},
		{"The plan, agreed after six hours of talks, includes army escorts.", "en", false},
		{"The two-day strike ended on Tuesday.", "en", false},
		{"The 600 residents of Tarrow village were told to pack.", "en", false},
		{"Both Republican members of the county board signed affidavits.", "en", false},
		{"Both Moreno and Greaves voted on Monday.", "en", false},
		{"This week the council voted to close the bridge.", "en", false},
		{"That night, floodwater reached the old town.", "en", false},
		{"These days the harbour is quiet.", "en", false},
		{"Estos días el puerto está tranquilo.", "es", false},
		{"Those who want to vote must register by Friday.", "en", false},
		{"Another 1.9 million Americans filed for unemployment benefits last week.", "en", false},
		{"As the Senate prepares to vote, the senator spoke.", "en", false},
		{"As a child, Brenner ran along the river.", "en", false},
		{"In response to the attack, the agency paused its convoys.", "en", false},
		{"In response, the agency paused its convoys.", "en", true},
		{"In addition to the grants, the fund will build flood walls.", "en", false},
		{"Por su parte, el sindicato rechazó la oferta.", "es", true},
		{"Pese a ello, el banco subió los tipos.", "es", true},
		{"Pese a la lluvia, la carrera se celebró.", "es", false},
		{"It was not clear whether the dam would hold.", "en", false},
		// Spanish.
		{"La mayoría de los casos son niños de dos colegios.", "es", true},
		{"Muchos de ellos siguen sin luz.", "es", true},
		{"Todos están fuera de peligro, según el hospital.", "es", true},
		{"La medida entrará en vigor el lunes.", "es", true},
		{"Los dos hombres fueron detenidos en la frontera.", "es", true},
		{"Ambos dijeron que las negociaciones seguirán.", "es", true},
		{"Esta es la quinta subida del año.", "es", true},
		{"Dicha propuesta fue rechazada.", "es", true},
		{"Sin embargo, el banco mantuvo su previsión.", "es", true},
		{"Pero el sindicato anunció otra huelga.", "es", true},
		{"Dijo que el puente seguirá cerrado.", "es", true}, // a dropped subject, as opensOnPronoun
		{"Las autoridades sanitarias confirmaron 23 casos de sarampión.", "es", false},
		{"Este jueves el ayuntamiento votó el cierre del puente.", "es", false},
		{"La organización espera más de 20.000 visitantes.", "es", false},
		{"Los dos partidos principales perdieron votos.", "es", true},
		{"Tal como anunció el Gobierno, el plan empieza en mayo.", "es", false},
		{"Moreno ganó las elecciones el lunes.", "es", false},
		{"", "en", false},
		// A demonstrative before a time word, possessive, after "same",
		// unaccented, a month or a year, points at the calendar.
		{"This year's festival drew 40,000 visitors.", "en", false},
		{"This year’s festival drew 40,000 visitors.", "en", false},
		{"That same day, floodwater reached the old town.", "en", false},
		{"This Christmas, shops expect fewer buyers.", "en", false},
		{"This quarter, revenue fell 4 percent.", "en", false},
		{"Esta madrugada un incendio ha arrasado una nave.", "es", false},
		{"Esta jornada se celebran elecciones en tres países.", "es", false},
		{"Este 2024 será el año más cálido.", "es", false},
		{"Este enero cerraron 200 comercios.", "es", false},
		{"Este miercoles el ayuntamiento votó el cierre.", "es", false},
		{"Ese mismo día la policía detuvo a dos hombres.", "es", false},
		{"That may change next year.", "en", true},
		// A quantifier's group named in its own phrase.
		{"Some of the world's biggest banks cut their forecasts.", "en", false},
		{"Half of the country's adults have been vaccinated.", "en", false},
		{"Most of the largest firms froze hiring.", "en", false},
		{"Most of the protest was peaceful.", "en", true},
		{"Algunos de los principales bancos bajaron sus previsiones.", "es", false},
		{"La mayoría de los más afectados son niños.", "es", false},
		{"Tal vez el Gobierno retire la ley.", "es", false},
		// A share of a people or a population named by its own noun
		// stands alone; of a group said before, or counted by "both" or
		// "several", it still points back.
		{"La mayoría de los españoles cree que la economía empeorará.", "es", false},
		{"La mayoría de los votantes rechazó la reforma.", "es", false},
		{"La mitad de los estadounidenses tiene un arma.", "es", false},
		{"La mayoría de las españolas trabaja fuera de casa.", "es", false},
		{"Most of the Americans polled oppose the tariffs.", "en", false},
		{"Half of the voters backed the measure.", "en", false},
		{"Most of the victims were children.", "en", true},
		{"Several of the Americans were injured.", "en", true},
		{"Both of the Americans were released.", "en", true},
		{"Varios de los españoles resultaron heridos.", "es", true},
		{"La mayoría de los heridos son niños.", "es", true},
		// A back noun that names its referent, and "además de".
		{"The decision to close the plant angered workers.", "en", false},
		{"The move to ban diesel cars was delayed.", "en", false},
		{"La decisión del Gobierno de cerrar la planta indignó a los trabajadores.", "es", false},
		{"El anuncio de la OTAN llegó el lunes.", "es", false},
		{"The two of them denied the charges.", "en", true},
		{"Además de la policía, acudieron los bomberos.", "es", false},
		{"Además, la policía detuvo a dos hombres.", "es", true},
		{"Those killed included two children.", "en", false},
		{"A su llegada a Madrid, el presidente saludó a los ministros.", "es", false},
		{"A su vez, el sindicato convocó otra huelga.", "es", true},
		// "So" ties a sentence to the one before, but not in "So far".
		{"So the union called another strike.", "en", true},
		{"So far, 23 people have died.", "en", false},
		// A lone dash is no word.
		{"- The move follows weeks of protests.", "en", true},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+tc.s, func(t *testing.T) {
			t.Parallel()
			if got := refersBack(tc.s, tc.lang); got != tc.want {
				t.Errorf("refersBack(%q, %q) = %v, want %v", tc.s, tc.lang, got, tc.want)
			}
		})
	}
}

// TestNameFirstBackReference wants a summary that would open on a sentence
// referring back (not by a pronoun) to open on one that stands alone, and
// the order kept when the rule is off (SummaryOptions.BackReferenceOpeners).
func TestNameFirstBackReference(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang string
		off        bool
		in         []string
		want       []string
	}{
		{
			name: "most of the cases",
			lang: "en",
			in: []string{
				"Most of the cases are children at two primary schools.",
				"Priya Anand, Eastgate's director of public health, said the outbreak began in late February.",
				"All are recovering, the hospital said.",
			},
			want: []string{
				"Priya Anand, Eastgate's director of public health, said the outbreak began in late February.",
				"Most of the cases are children at two primary schools.",
				"All are recovering, the hospital said.",
			},
		},
		{
			name: "the move, rule off",
			lang: "en",
			off:  true,
			in:   []string{"The move follows weeks of protests.", "Moreno closed the bridge on Monday."},
			want: []string{"The move follows weeks of protests.", "Moreno closed the bridge on Monday."},
		},
		{
			name: "the move",
			lang: "en",
			in:   []string{"The move follows weeks of protests.", "Moreno closed the bridge on Monday."},
			want: []string{"Moreno closed the bridge on Monday.", "The move follows weeks of protests."},
		},
		{
			name: "la mayoría de los casos",
			lang: "es",
			in: []string{
				"La mayoría de los casos son niños de dos colegios.",
				"Sin embargo, el ministerio no cerrará las escuelas.",
				"Las autoridades sanitarias de Eastgate confirmaron 23 casos de sarampión.",
			},
			want: []string{
				"Las autoridades sanitarias de Eastgate confirmaron 23 casos de sarampión.",
				"La mayoría de los casos son niños de dos colegios.",
				"Sin embargo, el ministerio no cerrará las escuelas.",
			},
		},
		{
			name: "every one refers back",
			lang: "en",
			in:   []string{"Most of the cases are children.", "The move follows weeks of protests."},
			want: []string{"Most of the cases are children.", "The move follows weeks of protests."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := nameFirstOrder(tc.in, func(s string) (bool, bool) {
				return openerMarks(s, tc.lang, SummaryOptions{BackReferenceOpeners: tc.off})
			}, "moreno", "anand", "eastgate")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}
