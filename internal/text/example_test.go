package text_test

import (
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/text"
)

func ExampleWords() {
	fmt.Println(text.Words("El niño dijo: ¡Hola, Mundo!"))
	// Output: [el niño dijo hola mundo]
}

func ExampleSentences() {
	s := "Mr. Smith paid $2.5 million. ¿Por qué? Nadie lo sabe."
	for _, sp := range text.Sentences(s) {
		fmt.Println(sp.Of(s))
	}
	// Output:
	// Mr. Smith paid $2.5 million.
	// ¿Por qué?
	// Nadie lo sabe.
}

// Text taken from a web page often loses the space between paragraphs;
// the opening mark still starts a sentence.
func ExampleSentences_quoteWithoutSpace() {
	s := "Police left the scene.“We are looking for witnesses,” the chief said."
	for _, sp := range text.Sentences(s) {
		fmt.Println(sp.Of(s))
	}
	// Output:
	// Police left the scene.
	// “We are looking for witnesses,” the chief said.
}

func ExampleKey() {
	fmt.Println(text.Key("María López’s"))
	// Output: maria lopez
}

func ExampleEntities() {
	s := "President Joe Biden met officials of the Ministry of Health in Madrid. Later, Biden left."
	for _, e := range text.Entities(s) {
		fmt.Printf("%s %s %q\n", e.Kind, e.Text, e.Title)
	}
	// Output:
	// person Joe Biden "President"
	// org Ministry of Health ""
	// place Madrid ""
	// person Biden ""
}

func ExampleCorefer() {
	a := text.Entity{Text: "María López", Kind: text.Person, Key: text.Key("María López")}
	b := text.Entity{Text: "López", Kind: text.Person, Key: text.Key("López")}
	fmt.Println(text.Corefer(a, b))
	// Output: true
}

func ExampleQuotes() {
	s := `Haley Morris, a spokeswoman for the campaign, spoke on Monday. "We will," she said, "keep going."`
	for _, q := range text.Quotes(s) {
		fmt.Printf("%q by %s (%s)\n", q.Text, q.Speaker, q.Role)
		for _, p := range q.Parts {
			fmt.Printf("  [%d:%d] %q\n", p.Start, p.End, p.Of(s))
		}
	}
	// Output:
	// "We will … keep going." by Haley Morris (spokeswoman for the campaign)
	//   [64:71] "We will"
	//   [85:96] "keep going."
}

func ExampleQuotesLang() {
	s := "—No vamos a ceder —dijo el presidente del Gobierno, Pedro Sánchez—. Seguiremos trabajando."
	for _, q := range text.QuotesLang(s, "es") {
		fmt.Printf("%s: %s | %s\n", q.Speaker, q.Role, q.Text)
	}
	// Output: Pedro Sánchez: presidente del Gobierno | No vamos a ceder … Seguiremos trabajando.
}

func ExampleFigures() {
	s := "At least 30 people were killed. The $2.3bn aid package funds a 30-day ceasefire."
	for _, f := range text.Figures(s, "en") {
		fmt.Printf("%q %s %g %s %s\n", f.Text, f.Kind, f.Value, f.Unit, f.Quantity)
	}
	// Output:
	// "30 people" count 30 people dead
	// "$2.3bn" money 2.3e+09 USD aid
	// "30-day" duration 30 day ceasefire
}

func ExampleComparable() {
	a := text.Figures("a 30-day ceasefire", "en")[0]
	b := text.Figures("una tregua de un mes", "es")[0]
	fmt.Println(text.Comparable(a, b), text.SameValue(a.Figure, b.Figure))
	// Output: true true
}

func ExampleSameQuantity() {
	a := text.Figures("30 people were killed", "en")[0]
	b := text.Figures("the blast killed 35 civilians", "en")[0]
	fmt.Println(text.SameQuantity(a.Figure, b.Figure), a.Value, b.Value)
	// Output: true 30 35
}

func ExampleSameValue() {
	a := text.Figures("aid of $2.3 billion", "en")[0]
	b := text.Figures("$2.3bn in aid", "en")[0]
	fmt.Println(text.SameValue(a.Figure, b.Figure))
	// Output: true
}

func ExampleDates() {
	ref := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC) // a Thursday
	s := "On March 3, 2024, talks began; el martes se rompieron, and yesterday they resumed."
	for _, d := range text.Dates(s, ref) {
		fmt.Println(d.Span.Of(s), d.Time.Format("2006-01-02"), d.Relative)
	}
	// Output:
	// March 3, 2024 2024-03-03 false
	// martes 2024-03-12 true
	// yesterday 2024-03-13 true
}

func ExampleGuessLang() {
	fmt.Println(text.GuessLang("El Gobierno aprobó la ley."), text.GuessLang("The government passed the law."))
	// Output: es en
}
