package text

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestDisagreeEvents checks that figures of two events (two places, two
// people, two dates, a sum of incidents against one, a killer's victims
// against a toll that counts the killer, parts of one toll) are not shown
// as a disagreement, while two sources' values for one event still are.
func TestDisagreeEvents(t *testing.T) {
	t.Parallel()
	tests := []disagreeCase{
		// One event: still a disagreement.
		{"same place", side{"en", "Seven people were wounded in a drive-by shooting in Calumet City.", "Seven people"},
			side{"en", "Six people were wounded in a drive-by shooting in Calumet City on Monday.", "Six people"}, true},
		{"place on one side only", side{"en", "Seven people were wounded in a shooting at Bunny Friend Playground.", "Seven people"},
			side{"en", "The sheriff said six people were wounded.", "six people"}, true},
		{"speakers are not the event", side{"en", "Police Chief John Smith said 12 people were killed.", "12 people"},
			side{"en", "Mayor Mary Jones said 15 people were killed.", "15 people"}, true},
		{"dates a day apart", side{"en", "Eight people were killed Sunday, Aug. 9, 2015, in the house.", "Eight people"},
			side{"en", "Nine people were found dead Saturday night, Aug. 8, 2015.", "Nine people"}, true},
		{"a pair of shootings is not a tally", side{"en", "A pair of shootings left one person dead and four others wounded.", "four others wounded"},
			side{"en", "Three people were wounded in the shooting.", "Three people"}, true},
		{"two killers' tolls", side{"en", "A gunman killed 12 people at the Navy Yard.", "12 people"},
			side{"en", "The gunman killed 14 people.", "14 people"}, true},
		{"two tolls with the killer", side{"en", "Six people were killed, including the suspect, and four were injured.", "Six people"},
			side{"en", "The spree ended with five deaths, including the alleged gunman.", "five deaths"}, true},
		{"same place es", side{"es", "Siete personas murieron en el tiroteo en Valencia.", "Siete personas"},
			side{"es", "Cinco personas murieron en Valencia.", "Cinco personas"}, true},
		{"same person es", side{"es", "Juan Pérez fue condenado a 12 años de cárcel.", "12 años"},
			side{"es", "Pérez fue condenado a 10 años de cárcel.", "10 años"}, true},

		{"a rounded figure beyond what it rounds to", side{"en", "The couple paid $43 million in federal taxes.", "$43 million"},
			side{"en", "The couple paid $44,885,310 in federal taxes.", "$44,885,310"}, true},
		{"one significant digit is not widened", side{"en", "Donors pledged $2bn in aid.", "$2bn"},
			side{"en", "Donors pledged $2.4bn in aid.", "$2.4bn"}, true},
		{"a rounded figure beyond what it rounds to es", side{"es", "La empresa pagó una multa de 2,3 millones de euros.", "2,3 millones de euros"},
			side{"es", "La empresa pagó una multa de 2.412.000 euros.", "2.412.000 euros"}, true},
		{"one pollster's two figures", side{"en", "A Gallup poll found support for the plan at 45 percent.", "45 percent"},
			side{"en", "The Gallup poll found support for the plan at 52 percent.", "52 percent"}, true},
		{"a poll against a figure with no poll", side{"en", "A Gallup poll found support for the plan at 45 percent.", "45 percent"},
			side{"en", "Support for the plan was 52 percent, officials said.", "52 percent"}, true},
		{"two sums given", side{"en", "The bill grants him $1.375 billion for the wall.", "$1.375 billion"},
			side{"en", "Congress approved $1.6 billion for the wall.", "$1.6 billion"}, true},
		{"a sum given against one with no verb", side{"en", "The bill grants him $1.375 billion for the wall.", "$1.375 billion"},
			side{"en", "The $1.6 billion for the wall is in the bill.", "$1.6 billion"}, true},
		{"two sums asked es", side{"es", "El Gobierno pidió 300 millones de euros de ayuda.", "300 millones de euros"},
			side{"es", "Madrid solicitó 350 millones de euros de ayuda.", "350 millones de euros"}, true},

		{"the town of a place and in it", side{"en", "A quake hit the southern town of Zarand, killing 612 people.", "612 people"},
			side{"en", "The quake killed 600 people in Zarand.", "600 people"}, true},
		{"the outskirts of a place name no place", side{"en", "The quake on the outskirts of Dargahan injured two people.", "two people"},
			side{"en", "The quake injured three people in the Persian Gulf island of Qeshm.", "three people"}, true},
		{"la ciudad de un lugar y en él es", side{"es", "El terremoto mató a 612 personas en la ciudad de Zarand.", "612 personas"},
			side{"es", "El terremoto mató a 600 personas en Zarand.", "600 personas"}, true},

		{"last year's as a modifier", side{"en", "Four people were killed in the riot, the worst since last year's election.", "Four people"},
			side{"en", "Three people were killed in the riot.", "Three people"}, true},

		// Two events: no disagreement.
		{"a history line", side{"en", "Earlier this year, a shooting at a mall left five people dead.", "five people"},
			side{"en", "Three people were killed in the shooting.", "Three people"}, false},
		{"a total that includes the other count", side{"en", "Seven men were wounded on the South Side, including four men who were shot on a porch.", "Seven men were wounded"},
			side{"en", "Four men were wounded in the shooting on the porch.", "Four men were wounded"}, false},
		{"a total that includes the other count es", side{"es", "Siete heridos, incluidos cuatro niños, llegaron al hospital.", "Siete heridos"},
			side{"es", "Cuatro heridos llegaron al hospital.", "Cuatro heridos"}, false},
		{"the attackers' toll", side{"en", "Related: 2 suspects killed in shootout with police", "2 suspects killed"},
			side{"en", "One of my cousins was among the 14 killed yesterday.", "14 killed"}, false},
		{"the attackers' toll es", side{"es", "Hubo 2 sospechosos muertos en el tiroteo.", "2 sospechosos muertos"},
			side{"es", "Hubo 14 muertos en el tiroteo.", "14 muertos"}, false},
		{"a rounded figure and the exact one it cuts to", side{"en", "The documents show the Clintons have paid $43 million in federal taxes since 2007.", "$43 million"},
			side{"en", "From 2007 through 2014 the couple paid $43,885,310 in federal taxes.", "$43,885,310"}, false},
		{"a rounded figure and the exact one it rounds to", side{"en", "The couple paid $44 million in federal taxes.", "$44 million"},
			side{"en", "The couple paid $43,885,310 in federal taxes.", "$43,885,310"}, false},
		{"a rounded figure and a finer one", side{"en", "The agency said 1.5 million refugees have fled.", "1.5 million refugees"},
			side{"en", "The agency counts 1.53 million refugees.", "1.53 million refugees"}, false},
		{"a rounded figure and the exact one es", side{"es", "La empresa pagó una multa de 2,3 millones de euros.", "2,3 millones de euros"},
			side{"es", "La empresa pagó una multa de 2.312.000 euros.", "2.312.000 euros"}, false},
		{"two pollsters' polls", side{"en", "An opinion poll published by Ethnos newspaper on Sunday said 83.3 percent of Greeks were unhappy.", "83.3 percent"},
			side{"en", "An opinion poll for the respected Kathimerini newspaper found that 68 per cent of Greeks believe the government has mishandled the crisis.", "68 per cent"}, false},
		{"two pollsters' polls named before", side{"en", "A Gallup poll found support for the plan at 45 percent.", "45 percent"},
			side{"en", "An Ipsos poll found support for the plan at 52 percent.", "52 percent"}, false},
		{"two pollsters' polls es", side{"es", "Una encuesta de Metroscopia da al PP un 34 % de los votos.", "34 %"},
			side{"es", "Un sondeo del CIS da al PP un 28 % de los votos.", "28 %"}, false},
		{"granted vs requested", side{"en", "Congress' spending bill grants him $1.375 billion for the wall, as opposed to the $5.7 billion he initially demanded.", "$1.375 billion"},
			side{"en", "Trump requested $5.7 billion for construction of the wall.", "$5.7 billion"}, false},
		{"demanded after the figure vs granted", side{"en", "The bill falls short of the $5.7 billion he initially demanded for the wall.", "$5.7 billion"},
			side{"en", "The bill grants him $1.375 billion for the wall.", "$1.375 billion"}, false},
		{"sought vs sentenced", side{"en", "Prosecutors sought 20 years in prison.", "20 years"},
			side{"en", "He was sentenced to 12 years in prison.", "12 years"}, false},
		{"asked vs granted es", side{"es", "El Gobierno pidió 300 millones de euros de ayuda.", "300 millones de euros"},
			side{"es", "Bruselas concedió 120 millones de euros de ayuda.", "120 millones de euros"}, false},
		{"the city of one place and the town of another", side{"en", "The quake killed 600 people in the city of Zarand.", "600 people"},
			side{"en", "The quake hit the town of Bam, killing 612 people.", "612 people"}, false},
		{"la ciudad de un lugar y la de otro es", side{"es", "El terremoto mató a 600 personas en la ciudad de Zarand.", "600 personas"},
			side{"es", "El terremoto sacudió la ciudad de Bam y mató a 612 personas.", "612 personas"}, false},
		{"a history line es", side{"es", "El año pasado, un tiroteo dejó cinco muertos.", "cinco muertos"},
			side{"es", "Tres personas murieron en el tiroteo.", "Tres personas"}, false},
		{"different places", side{"en", "Four people were killed in a shooting at Bunny Friend Playground.", "Four people"},
			side{"en", "Six people were killed in a shooting in Calumet City.", "Six people"}, false},
		{"different people", side{"en", "John Smith was sentenced to 12 years in prison.", "12 years"},
			side{"en", "Mary Jones was sentenced to 10 years in prison.", "10 years"}, false},
		{"possessive vs speaker's own", side{"en", "The Clintons' effective tax rate was 35.7 percent.", "35.7 percent"},
			side{"en", "Mr. Bush said his effective tax rate was 36 percent.", "36 percent"}, false},
		{"different months", side{"en", "A shooting injured 13 people outside an apartment complex in March.", "13 people"},
			side{"en", "Shootings in front of the store left seven people injured in October.", "seven people"}, false},
		{"different years", side{"en", "The earthquake in 2003 killed 31,000 people.", "31,000 people"},
			side{"en", "The earthquake killed 300 people on July 23, 2015.", "300 people"}, false},
		{"a tally of shootings vs one", side{"en", "Three people were killed in a series of shootings over the weekend.", "Three people"},
			side{"en", "Two people were killed in the third shooting.", "Two people"}, false},
		{"victims vs a toll with the killer", side{"en", "A gunman killed 12 people at the Navy Yard.", "12 people"},
			side{"en", "Thirteen people died at the Navy Yard.", "Thirteen people"}, false},
		{"a toll with the killer vs his victims", side{"en", "The spree ended with five deaths, including the alleged gunman.", "five deaths"},
			side{"en", "A gunman killed four people at the college.", "four people"}, false},
		{"killed and then himself", side{"en", "The gunman killed three people and then himself.", "three people"},
			side{"en", "Four people are dead after the shootings.", "Four people"}, false},
		{"killed by a man", side{"en", "Four people were killed by a man before police shot him.", "Four people"},
			side{"en", "The shooting left five dead.", "five dead"}, false},
		{"parts of one toll", side{"en", "Five children and three adults were found dead.", "three adults"},
			side{"en", "Eight people were found dead.", "Eight people"}, false},
		{"ranges with a fraction", side{"en", "He was sentenced to 11½ to 23 months in prison.", "23 months"},
			side{"en", "He was sentenced to nine to 18 months in prison.", "18 months"}, false},
		{"different places es", side{"es", "Cinco personas murieron en un tiroteo en Valencia.", "Cinco personas"},
			side{"es", "Siete personas murieron en un tiroteo en Sevilla.", "Siete personas"}, false},
		{"different people es", side{"es", "Juan Pérez fue condenado a 12 años de cárcel.", "12 años"},
			side{"es", "Luis García fue condenado a 10 años de cárcel.", "10 años"}, false},
		{"different months es", side{"es", "600 personas murieron en el terremoto de febrero.", "600 personas"},
			side{"es", "612 personas murieron en el terremoto de marzo.", "612 personas"}, false},
		{"a tally of shootings es", side{"es", "Tres personas murieron en una serie de tiroteos el fin de semana.", "Tres personas"},
			side{"es", "Dos personas murieron en el tiroteo.", "Dos personas"}, false},
		{"victims and suicide es", side{"es", "12 personas murieron a manos del pistolero, que luego se suicidó.", "12 personas"},
			side{"es", "Murieron 13 personas en el tiroteo.", "13 personas"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := figureIn(t, tt.a.sentence, tt.a.lang, tt.a.figure)
			b := figureIn(t, tt.b.sentence, tt.b.lang, tt.b.figure)
			if got := Disagree(a, b); got != tt.want {
				t.Errorf("Disagree(%q, %q) = %v, want %v (keys %q, %q; events %+v, %+v)",
					a.Text, b.Text, got, tt.want, a.Quantity, b.Quantity, a.Event, b.Event)
			}
			if got := Disagree(b, a); got != tt.want {
				t.Errorf("Disagree(%q, %q) = %v, want %v (not symmetric)", b.Text, a.Text, got, tt.want)
			}
		})
	}
}

// TestDisagreeDated checks dates read against the day each text was
// published (ResolveDates): a weekday is a day of the week up to
// publication, a date with no year takes the year before publication, so
// this week's shooting is not "a Dec. 3 incident", while one event told
// by weekday and by date, or by two outlets on two days, still compares.
func TestDisagreeDated(t *testing.T) {
	t.Parallel()
	type datedSide struct{ lang, published, sentence, figure string }
	tests := []struct {
		name string
		a, b datedSide
		want bool
	}{
		{"a weekday and its date", datedSide{"en", "2013-02-07", "Four men were wounded in a shooting Thursday afternoon.", "Four men were wounded"},
			datedSide{"en", "2013-02-08", "Five men were wounded in a shooting on Feb. 7.", "Five men were wounded"}, true},
		{"one weekday told on two days", datedSide{"en", "2013-03-12", "Seven people were wounded in a shooting Monday night.", "Seven people"},
			datedSide{"en", "2013-03-11", "Six people were wounded in a shooting Monday.", "Six people"}, true},
		{"the day a figure was said is not its event's", datedSide{"en", "2013-03-15", "Police said Friday that 12 people were killed in the attack.", "12 people"},
			datedSide{"en", "2013-03-14", "Fifteen people were killed in the attack on March 13.", "Fifteen people"}, true},
		{"no publication date: a weekday is any day", datedSide{"en", "", "Four men were wounded in a shooting Thursday afternoon.", "Four men were wounded"},
			datedSide{"en", "", "A Dec. 3 incident left five people wounded.", "five people"}, true},
		{"a date without a year takes the year before publication", datedSide{"en", "2013-01-02", "Five people were wounded in a shooting on Dec. 30.", "Five people"},
			datedSide{"en", "2013-01-05", "Four people were wounded in a shooting on Dec. 30, 2012.", "Four people"}, true},
		{"a weekday against an earlier date", datedSide{"en", "2013-02-07", "Four men were wounded in a shooting in South Shore Thursday afternoon.", "Four men were wounded"},
			datedSide{"en", "2013-02-07", "The shooting happened a block from the site of a Dec. 3 incident that left five people wounded.", "five people"}, false},
		{"a weekday before a count", datedSide{"en", "2013-03-10", "On Sunday, 10 people were wounded in a shooting.", "10 people"},
			datedSide{"en", "2013-03-18", "Six people were wounded in a shooting Sunday.", "Six people"}, false},
		{"one weekday in two weeks", datedSide{"en", "2013-03-10", "Four people were wounded in a shooting Sunday.", "Four people"},
			datedSide{"en", "2013-03-18", "Six people were wounded in a shooting Sunday.", "Six people"}, false},
		{"a year-less date of another year", datedSide{"en", "2013-01-02", "Five people were wounded in a shooting on Dec. 30.", "Five people"},
			datedSide{"en", "2013-01-05", "Four people were wounded in a shooting on Dec. 30, 2011.", "Four people"}, false},
		{"a weekday and its date es", datedSide{"es", "2013-02-07", "Cuatro personas resultaron heridas en un tiroteo el jueves.", "Cuatro personas"},
			datedSide{"es", "2013-02-08", "Cinco personas resultaron heridas en el tiroteo del 7 de febrero.", "Cinco personas"}, true},
		{"a weekday against an earlier date es", datedSide{"es", "2013-02-07", "Cuatro personas resultaron heridas en un tiroteo el jueves.", "Cuatro personas"},
			datedSide{"es", "2013-02-07", "El tiroteo del 3 de diciembre dejó cinco heridos.", "cinco heridos"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dated := func(s datedSide) Figure {
				t.Helper()
				f := figureIn(t, s.sentence, s.lang, s.figure)
				if s.published != "" {
					day, err := time.Parse(time.DateOnly, s.published)
					if err != nil {
						t.Fatal(err)
					}
					figs := []Figure{f}
					ResolveDates(figs, day)
					f = figs[0]
				}
				return f
			}
			a, b := dated(tt.a), dated(tt.b)
			if got := Disagree(a, b); got != tt.want {
				t.Errorf("Disagree(%q, %q) = %v, want %v (keys %q, %q; dates %+v, %+v)",
					a.Text, b.Text, got, tt.want, a.Quantity, b.Quantity, a.Event.Dates, b.Event.Dates)
			}
			if got := Disagree(b, a); got != tt.want {
				t.Errorf("Disagree(%q, %q) = %v, want %v (not symmetric)", b.Text, a.Text, got, tt.want)
			}
		})
	}
}

// TestResolveDatesTense: a figure's weekday is read by its sentence's
// tense, as Dates reads it: a plan's or the future's is the coming day,
// the past's the day gone.
func TestResolveDatesTense(t *testing.T) {
	t.Parallel()
	wed := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		name, lang, sentence, figure string
		want                         []EventDate
	}{
		{"spanish plan", "es", "Las autoridades prevén evacuar a 500 personas el domingo.", "500 personas", []EventDate{{Year: 2026, Month: 3, Day: 8}}},
		{"spanish future", "es", "Unas 500 personas serán evacuadas el domingo.", "500 personas", []EventDate{{Year: 2026, Month: 3, Day: 8}}},
		{"spanish past", "es", "Unas 500 personas fueron evacuadas el domingo.", "500 personas", []EventDate{{Year: 2026, Month: 3, Day: 1}}},
		{"english future", "en", "About 500 people will be evacuated on Sunday.", "500 people", []EventDate{{Year: 2026, Month: 3, Day: 8}}},
		{"english past", "en", "About 500 people were evacuated on Sunday.", "500 people", []EventDate{{Year: 2026, Month: 3, Day: 1}}},
		{"english last in a future sentence", "en", "About 500 people will return home after the floods of last Sunday.", "500 people", []EventDate{{Year: 2026, Month: 3, Day: 1}}},
		{"english next", "en", "About 500 people would return home next Sunday.", "500 people", []EventDate{{Year: 2026, Month: 3, Day: 8}}},
		{"spanish pasado in a future sentence", "es", "Unas 500 personas volverán a casa tras las inundaciones del domingo pasado.", "500 personas", []EventDate{{Year: 2026, Month: 3, Day: 1}}},
		{"spanish próximo", "es", "Unas 500 personas volvían a casa el domingo próximo.", "500 personas", []EventDate{{Year: 2026, Month: 3, Day: 8}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			figs := []Figure{figureIn(t, tt.sentence, tt.lang, tt.figure)}
			ResolveDates(figs, wed)
			if diff := cmp.Diff(tt.want, figs[0].Event.Dates); diff != "" {
				t.Errorf("dates of %q (-want +got):\n%s", tt.sentence, diff)
			}
		})
	}
}
