package demo

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"time"
)

// boilerplate is the text an outlet's pages put around the article. It is
// deliberately wordy, like the real thing, so extraction is exercised.
type boilerplate struct {
	Cookie          string
	CookieAccept    string
	Ads             []string
	Newsletter      string
	CommentsHeading string
	RelatedHeading  string
	Nav             []string
	Footer          string
	SkipLink        string
}

func (b boilerplate) noise() []string {
	out := []string{b.Cookie, b.Newsletter}
	return append(out, b.Ads...)
}

var boilerplates = map[string]boilerplate{
	"en": {
		Cookie:          "We use cookies and similar technologies to remember your preferences, measure how our journalism is read and show you relevant advertising. By continuing to browse this site you agree to our use of cookies as described in our privacy notice.",
		CookieAccept:    "Accept all cookies",
		Ads:             []string{"Advertisement: Sunvale Mattresses are now half price for the spring sale, with free delivery anywhere in the country and a hundred nights to decide.", "Sponsored: Switch to Brightwave Broadband today and get your first three months for free. Terms and conditions apply."},
		Newsletter:      "Sign up for our morning newsletter and get the day's most important stories delivered to your inbox before breakfast, every weekday.",
		CommentsHeading: "Reader comments",
		RelatedHeading:  "More from",
		Nav:             []string{"Home", "World", "Politics", "Business", "Health", "Science", "Sport", "Culture", "Opinion"},
		Footer:          "All rights reserved. Contact the newsroom, advertise with us, terms of use, privacy policy, accessibility statement.",
		SkipLink:        "Skip to main content",
	},
	"es": {
		Cookie:          "Utilizamos cookies propias y de terceros para recordar sus preferencias, analizar cómo se lee nuestro periodismo y mostrarle publicidad relevante. Si continúa navegando, consideramos que acepta su uso según nuestra política de privacidad.",
		CookieAccept:    "Aceptar todas las cookies",
		Ads:             []string{"Publicidad: Colchones Sunvale a mitad de precio en las rebajas de primavera, con envío gratuito a todo el país y cien noches de prueba.", "Patrocinado: Contrate hoy la fibra Brightwave y disfrute de los tres primeros meses gratis. Consulte las condiciones."},
		Newsletter:      "Suscríbase a nuestro boletín matinal y reciba cada mañana, antes del desayuno, las noticias más importantes del día en su correo.",
		CommentsHeading: "Comentarios de los lectores",
		RelatedHeading:  "Más de",
		Nav:             []string{"Portada", "Internacional", "Política", "Economía", "Salud", "Ciencia", "Deportes", "Cultura", "Opinión"},
		Footer:          "Todos los derechos reservados. Contacto, publicidad, aviso legal, política de privacidad y accesibilidad.",
		SkipLink:        "Ir al contenido principal",
	},
}

func boilerplateFor(lang string) boilerplate {
	if b, ok := boilerplates[lang]; ok {
		return b
	}
	return boilerplates["en"]
}

// Reader comments, as "author|text". They talk about the news but are
// opinion and chatter: none of their sentences appears in any article.
var commentPools = map[string][]string{
	"en": {
		"harbourwatcher|Typical of this government to wait until the last possible moment before doing anything at all. My grandmother could have told them this would happen.",
		"K. Penhallow|Does anyone know whether the buses on the number 14 route are still running this weekend? Asking for my neighbour who cannot drive.",
		"greenfinch_88|Excellent reporting as always. I have shared this with everyone in my book club and we will discuss it on Thursday evening.",
		"tomasz from the valley|I grew up near there and honestly nobody in my family ever trusted the officials who run that place, not once in forty years.",
		"M. Ostrander|Can the paper please fix the crossword? Yesterday's answer to seven down was wrong and I spent an hour on it.",
		"quietreader|First comment! Anyway, I think the real story here is what is not being said by the people in charge.",
		"old_sailor_41|Back in my day we fixed problems like this with a shovel and a bit of common sense, not committees and press releases.",
		"Dana R.|My cousin works nearby and says the mood is much calmer than the pictures suggest. Take the headlines with a pinch of salt.",
		"lamplighter|Subscribed for twelve years and this is the first time I have felt the need to comment. Well done to the reporter for staying on it.",
		"bluebridge|Whatever happened to the promise of a new playground in Westmere park? Someone should ask the mayor about that instead.",
		"Ferris Alby|The comment section is getting worse every week. Please moderate the trolls, editors, some of us come here for a sensible discussion.",
		"nightowl_vale|I would love to see a follow up piece with maps and a proper timeline, because I still cannot work out the order of events.",
	},
	"es": {
		"vecina_del_puerto|Siempre lo mismo con este gobierno, esperan hasta el último minuto para hacer algo. Mi abuela ya lo había avisado hace años.",
		"Rafa M.|¿Alguien sabe si el autobús de la línea 14 funciona este fin de semana? Lo pregunto por mi vecino, que no conduce.",
		"lectora_fiel|Muy buen reportaje, como siempre. Lo he compartido con mi club de lectura y lo comentaremos el jueves por la tarde.",
		"Don Aurelio|En mis tiempos estas cosas se arreglaban con una pala y sentido común, no con comisiones y comunicados de prensa.",
		"marinera77|¡Primer comentario! De todos modos, creo que lo importante es lo que no dicen los responsables.",
		"Lucía P.|Por favor, arreglen el crucigrama, la solución del siete vertical de ayer estaba mal y perdí una hora con ella.",
		"elviajero|Mi primo trabaja cerca y dice que el ambiente está mucho más tranquilo de lo que muestran las fotos.",
		"búho_nocturno|Me encantaría un artículo de seguimiento con mapas y una cronología, porque todavía no entiendo el orden de los hechos.",
	},
}

type comment struct{ Author, Text string }

func commentsOf(path, lang string) []comment {
	pool, ok := commentPools[lang]
	if !ok {
		pool = commentPools["en"]
	}
	var out []comment
	for _, e := range pick(path, pool, 3) {
		author, text, _ := strings.Cut(e, "|")
		out = append(out, comment{Author: author, Text: text})
	}
	return out
}

func commentsFor(path, lang string) []string {
	var out []string
	for _, c := range commentsOf(path, lang) {
		out = append(out, c.Text)
	}
	return out
}

var monthsES = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

var templateFuncs = template.FuncMap{
	"date": func(layout string, t time.Time) string { return t.Format(layout) },
	"dateES": func(t time.Time) string {
		return fmt.Sprintf("%d de %s de %d, %s", t.Day(), monthsES[t.Month()-1], t.Year(), t.Format("15:04"))
	},
	"upper": strings.ToUpper,
}

type pageRenderer struct {
	t *template.Template
}

func newPageRenderer(fsys fs.FS, outlets []Outlet) (*pageRenderer, error) {
	t, err := template.New("").Funcs(templateFuncs).ParseFS(fsys, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	for _, name := range []string{"home.html", "index.html", "good.html"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("template %s missing", name)
		}
	}
	for _, o := range outlets {
		if t.Lookup(o.Template+".html") == nil {
			return nil, fmt.Errorf("outlet %q: template %s.html missing", o.Slug, o.Template)
		}
	}
	return &pageRenderer{t: t}, nil
}

func (p *pageRenderer) render(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := p.t.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

type link struct {
	URL, Title string
	Published  time.Time
	Summary    string
}

type articlePage struct {
	Outlet     Outlet
	A          Article
	Paragraphs []string
	Canonical  string
	Home       string
	Feed       string
	Image      string
	Related    []link
	Comments   []comment
	B          boilerplate
	LD         map[string]any
}

// articlePageData builds everything a template needs for article i.
func (w *Wire) articlePageData(i int, base string) articlePage {
	a := w.articles[i]
	o := w.outlet(a.Outlet)
	// Related links: the outlet's next articles in corpus order, wrapping,
	// so every page links elsewhere yet stays deterministic.
	var related []link
	for j := 1; j < len(w.articles) && len(related) < 4; j++ {
		r := w.articles[(i+j)%len(w.articles)]
		if r.Outlet == a.Outlet {
			related = append(related, link{URL: base + r.Path, Title: r.Title})
		}
	}
	canonical := base + a.Path
	image := base + "/outlets/" + o.Slug + "/img/" + a.Slug + ".jpg"
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"description":      a.Summary,
		"datePublished":    a.Published.Format(time.RFC3339),
		"dateModified":     a.Published.Format(time.RFC3339),
		"inLanguage":       a.Lang,
		"mainEntityOfPage": canonical,
		"image":            []string{image},
		"author":           []map[string]string{{"@type": "Person", "name": a.Byline}},
		"publisher":        map[string]string{"@type": "Organization", "name": o.Name},
	}
	return articlePage{
		Outlet:     o,
		A:          a,
		Paragraphs: a.Paragraphs(),
		Canonical:  canonical,
		Home:       base + o.HomePath(),
		Feed:       base + o.FeedPath(),
		Image:      image,
		Related:    related,
		Comments:   commentsOf(a.Path, o.Lang),
		B:          boilerplateFor(o.Lang),
		LD:         ld,
	}
}

type homePage struct {
	Outlet   Outlet
	Feed     string
	B        boilerplate
	Articles []link
}

func (w *Wire) homePageData(o Outlet, base string) homePage {
	h := homePage{Outlet: o, Feed: base + o.FeedPath(), B: boilerplateFor(o.Lang)}
	for i := len(w.articles) - 1; i >= 0; i-- {
		a := w.articles[i]
		if a.Outlet == o.Slug {
			h.Articles = append(h.Articles, link{URL: base + a.Path, Title: a.Title, Published: a.Published, Summary: a.Summary})
		}
	}
	return h
}

type indexEntry struct {
	Outlet     Outlet
	Home, Feed string
	Count      int
}

func (w *Wire) indexData(base string) []indexEntry {
	var out []indexEntry
	for _, o := range w.outlets {
		n := 0
		for _, a := range w.articles {
			if a.Outlet == o.Slug {
				n++
			}
		}
		out = append(out, indexEntry{Outlet: o, Home: base + o.HomePath(), Feed: base + o.FeedPath(), Count: n})
	}
	return out
}
