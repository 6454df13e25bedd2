package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/news"
)

// syncBuffer collects a command's output while it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls out until re matches, and returns the submatches.
func waitFor(t *testing.T, ctx context.Context, out *syncBuffer, re *regexp.Regexp, errc <-chan error) []string {
	t.Helper()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		select {
		case err := <-errc:
			t.Fatalf("newsdesk stopped before printing %q: %v\noutput:\n%s", re, err, out)
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %q\noutput:\n%s", re, out)
		case <-tick.C:
		}
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s: %s", url, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", url, err)
	}
}

// TestDemoEndToEnd runs the offline demo as a user would: the newswire
// serves the corpus over real HTTP, the pipeline ingests it into SQLite, and
// the web server publishes briefings. Every citation in every briefing must
// point at bytes of the cited article that equal what the briefing shows.
func TestDemoEndToEnd(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const token = "e2e-secret-0123456789abcdef"
	env := func(k string) string {
		if k == "NEWSDESK_API_TOKEN" {
			return token
		}
		return ""
	}
	var stdout, stderr syncBuffer
	runCtx, stop := context.WithCancel(ctx)
	errc := make(chan error, 1)
	db := filepath.Join(t.TempDir(), "demo.db")
	go func() {
		errc <- run(runCtx, []string{"demo", "--addr", "127.0.0.1:0", "--db", db}, env, &stdout, &stderr)
	}()
	defer func() {
		stop()
		if err := <-errc; err != nil {
			t.Errorf("demo exited with %v\nstderr:\n%s", err, stderr.String())
		}
	}()

	base := waitFor(t, ctx, &stdout, regexp.MustCompile(`open (http://\S+)`), errc)[1]
	wire := waitFor(t, ctx, &stdout, regexp.MustCompile(`newswire at (http://\S+)`), errc)[1]
	waitFor(t, ctx, &stdout, regexp.MustCompile(`ingested (\d+) articles into (\d+) stories`), errc)

	var list struct {
		Stories []news.Story `json:"stories"`
		Next    string       `json:"next"`
	}
	getJSON(t, base+"/api/stories", &list)
	if list.Next != "" {
		t.Errorf("the demo's %d stories do not fit one page of the API: next = %q", len(list.Stories), list.Next)
	}
	// The same list, paged small by following next to the end.
	var paged []int64
	for next, pages := "", 0; pages == 0 || next != ""; pages++ {
		if pages > len(list.Stories) {
			t.Fatalf("following next from %s does not end", base+"/api/stories")
		}
		var page struct {
			Stories []news.Story `json:"stories"`
			Next    string       `json:"next"`
		}
		q := "?limit=4"
		if next != "" {
			q += "&after=" + url.QueryEscape(next)
		}
		getJSON(t, base+"/api/stories"+q, &page)
		for _, s := range page.Stories {
			paged = append(paged, s.ID)
		}
		next = page.Next
	}
	var whole []int64
	for _, s := range list.Stories {
		whole = append(whole, s.ID)
	}
	if diff := cmp.Diff(whole, paged); diff != "" {
		t.Errorf("stories followed by next, 4 a page, differ from one page of all (-one page +paged):\n%s", diff)
	}
	if len(list.Stories) < 12 {
		t.Fatalf("demo has %d stories, want at least 12", len(list.Stories))
	}

	articles := map[int64]news.Article{}
	article := func(id int64) news.Article {
		if a, ok := articles[id]; ok {
			return a
		}
		var a news.Article
		getJSON(t, fmt.Sprintf("%s/api/articles/%d", base, id), &a)
		articles[id] = a
		return a
	}
	articleText := func(id int64) string { return article(id).Text }

	// Every section a story's own articles can give. Related stories
	// are not among them: only the stories of the demo's two continuing
	// affairs (the Kessel aid, the Osk flood) are related, and they are
	// checked below.
	allKinds := []news.SectionKind{
		news.SectionHeadline, news.SectionCategory, news.SectionDisclaimer, news.SectionSummary,
		news.SectionSources, news.SectionBackground, news.SectionVoices, news.SectionFacts,
		news.SectionBottomLine, news.SectionReferences,
	}
	listed := map[int64]news.Story{}
	for _, s := range list.Stories {
		listed[s.ID] = s
	}
	complete, threaded := 0, 0
	for _, s := range list.Stories {
		// The story's API document is its briefing, with the story's fields.
		var b news.Briefing
		getJSON(t, fmt.Sprintf("%s/api/stories/%d", base, s.ID), &b)
		if len(b.Sections) == 0 {
			t.Errorf("story %d %q has an empty briefing", s.ID, s.Title)
			continue
		}
		for _, sec := range b.Sections {
			if len(sec.Items) == 0 {
				t.Errorf("story %d: section %s is empty; empty sections must be left out", s.ID, sec.Kind)
			}
			for _, it := range sec.Items {
				checkItem(t, s.ID, sec.Kind, it, articleText)
				if _, ok := listed[it.StoryID]; sec.Kind == news.SectionRelated && (it.StoryID == s.ID || !ok) {
					t.Errorf("story %d: related story %d %q is itself or not a listed story", s.ID, it.StoryID, it.Text)
				}
			}
		}
		if showsThread(s, b, listed, article) {
			threaded++
		}
		if s.SourceCount >= 4 {
			missing := 0
			for _, k := range allKinds {
				if _, ok := b.Section(k); !ok {
					missing++
				}
			}
			if missing == 0 {
				complete++
			}
		}
	}
	if complete == 0 {
		t.Errorf("no story with 4 or more outlets shows every section its articles give (%v)", allKinds)
	}
	// The Kessel aid's pause, talks and resumption are three stories of
	// one thread (docs/clustering.md, "New developments"): a later one
	// offers the earlier as related and tells what came before from them.
	if threaded == 0 {
		t.Errorf("no story offers a related story and a background entry from an earlier story of its thread")
	}

	// The Atom feed of briefings parses and lists the stories.
	resp, err := http.Get(base + "/feeds/stories.atom")
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	err = xml.NewDecoder(resp.Body).Decode(&feed)
	resp.Body.Close()
	if err != nil || len(feed.Entries) == 0 {
		t.Errorf("Atom feed: %d entries, err %v", len(feed.Entries), err)
	}

	t.Run("bad inputs", func(t *testing.T) { checkBadInputs(t, ctx, base, wire, token) })
}

// showsThread reports whether briefing b of story s offers a related
// story and a background entry that cites an article of an earlier story
// of s's thread.
func showsThread(s news.Story, b news.Briefing, stories map[int64]news.Story, article func(int64) news.Article) bool {
	related, ok := b.Section(news.SectionRelated)
	if !ok || len(related.Items) == 0 || s.ThreadID == 0 {
		return false
	}
	background, ok := b.Section(news.SectionBackground)
	if !ok {
		return false
	}
	for _, it := range background.Items {
		for _, c := range it.Citations {
			a := article(c.ArticleID)
			o, ok := stories[a.StoryID]
			if ok && o.ID != s.ID && o.ThreadID == s.ThreadID && o.FirstSeen.Before(s.FirstSeen) {
				return true
			}
		}
	}
	return false
}

// checkItem verifies one briefing item against the articles it cites.
func checkItem(t *testing.T, story int64, kind news.SectionKind, it news.Item, text func(int64) string) {
	t.Helper()
	needsCite := kind == news.SectionSummary || kind == news.SectionVoices || kind == news.SectionFacts ||
		kind == news.SectionBackground || kind == news.SectionBottomLine
	if needsCite && len(it.Citations) == 0 {
		t.Errorf("story %d: %s item %q has no citation", story, kind, it.Text)
	}
	var parts []string
	for _, c := range it.Citations {
		src := text(c.ArticleID)
		if c.Start < 0 || c.End > len(src) || c.Start >= c.End {
			t.Errorf("story %d: %s citation %+v out of range of article %d (%d bytes)", story, kind, c, c.ArticleID, len(src))
			continue
		}
		parts = append(parts, src[c.Start:c.End])
	}
	if len(parts) == 0 {
		return
	}
	switch kind {
	case news.SectionVoices:
		if got := strings.Join(parts, news.QuoteJoiner); got != it.Text {
			t.Errorf("story %d: quote %q, but its cited bytes are %q", story, it.Text, got)
		}
	default:
		if parts[0] != it.Text {
			t.Errorf("story %d: %s item %q, but its cited bytes are %q", story, kind, it.Text, parts[0])
		}
	}
	if f := it.Figure; f != nil {
		src := text(f.Citation.ArticleID)
		sp := f.Citation.Span()
		if !sp.Valid(len(src)) || sp.Of(src) != f.Text || !strings.Contains(it.Text, f.Text) {
			t.Errorf("story %d: figure %q not at its citation %+v", story, f.Text, f.Citation)
		}
	}
	for _, v := range it.Variants {
		checkItem(t, story, kind, v, text)
	}
	for _, q := range it.Quotes {
		checkItem(t, story, kind, q, text)
	}
}

// postSource subscribes url through the API of the server at base, as
// "sources add" does, and returns the answer's status and body.
func postSource(t *testing.T, ctx context.Context, base, token, url string) (int, []byte) {
	t.Helper()
	body := fmt.Sprintf(`{"url": %q}`, url)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/sources", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read the answer to POST /api/sources %s: %v", url, err)
	}
	return resp.StatusCode, b
}

// checkBadInputs subscribes sources that fail in every way the issue names
// and checks each failure is reported clearly while the rest goes on.
func checkBadInputs(t *testing.T, ctx context.Context, base, wire, token string) {
	add := func(url string) int64 {
		t.Helper()
		status, b := postSource(t, ctx, base, token, url)
		if status != http.StatusCreated && status != http.StatusOK {
			t.Fatalf("POST /api/sources %s: %d: %s", url, status, b)
		}
		var s news.Source
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	malformed := add(wire + "/faults/malformed.xml")
	unreachable := add("http://127.0.0.1:1/feed.xml")
	faults := add(wire + "/faults/feed.xml")

	var before struct {
		Stories []news.Story `json:"stories"`
	}
	getJSON(t, base+"/api/stories", &before)

	deadline := time.Now().Add(90 * time.Second)
	for {
		var srcs struct {
			Sources []news.Source `json:"sources"`
		}
		getJSON(t, base+"/api/sources", &srcs)
		byID := map[int64]news.Source{}
		for _, s := range srcs.Sources {
			byID[s.ID] = s
		}
		m, u, f := byID[malformed], byID[unreachable], byID[faults]
		if m.Status == news.StatusError && u.Status == news.StatusError && f.Status == news.StatusOK && f.ArticleCount > 0 {
			if !strings.Contains(strings.ToLower(m.LastError), "feed") {
				t.Errorf("malformed feed error %q does not say what is wrong", m.LastError)
			}
			if u.LastError == "" {
				t.Errorf("unreachable host has no error")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bad sources not reported in time: malformed %+v, unreachable %+v, faults %+v", m, u, f)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// Every faulty page becomes an article with a clear status and reason,
	// and the good one is read in full.
	deadline = time.Now().Add(90 * time.Second)
	for {
		var arts struct {
			Articles []news.Article `json:"articles"`
		}
		getJSON(t, fmt.Sprintf("%s/api/sources/%d/articles", base, faults), &arts)
		reasons := map[news.ExtractionStatus]int{}
		bad := 0
		for _, a := range arts.Articles {
			reasons[a.Extraction]++
			if a.Extraction != news.ExtractFull {
				bad++
				if a.ExtractionReason == "" {
					t.Errorf("article %s is %s with no reason", a.URL, a.Extraction)
				}
			}
		}
		if reasons[news.ExtractFull] >= 1 && bad >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("fault feed articles: %v", reasons)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// Nothing already stored was lost.
	var after struct {
		Stories []news.Story `json:"stories"`
	}
	getJSON(t, base+"/api/stories", &after)
	if len(after.Stories) < len(before.Stories) {
		t.Errorf("stories went from %d to %d after bad inputs", len(before.Stories), len(after.Stories))
	}
}

// TestBriefOneShot runs "newsdesk brief" on one demo article page, with a
// weak API token in the environment that only serve would refuse.
func TestBriefOneShot(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	wireURL, page := startWire(t, ctx)
	var stdout, stderr bytes.Buffer
	// A token too weak for serve, left in the environment, is no concern
	// of brief's, which serves no API.
	env := func(k string) string {
		if k == "NEWSDESK_API_TOKEN" {
			return "short"
		}
		return ""
	}
	err := run(ctx, []string{"brief", "--allow-private", wireURL + page}, env, &stdout, &stderr)
	if err != nil {
		t.Fatalf("brief: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"## Summary", "## Sources", "## Voices", "## Key facts", "## References", "[^1]: "} {
		if !strings.Contains(out, want) {
			t.Errorf("brief output lacks %q:\n%s", want, out)
		}
	}
}

// startWire serves the demo corpus on loopback for the test's lifetime and
// returns its URL and the path of an English article with quotes and
// figures.
func startWire(t *testing.T, ctx context.Context) (baseURL, path string) {
	t.Helper()
	w, baseURL := serveWire(t, ctx)
	for _, a := range w.Articles() {
		if a.Lang == "en" && a.CopyOf == "" && strings.Count(a.Body, "\"") >= 4 && len(a.Figures) > 0 {
			return baseURL, a.Path
		}
	}
	t.Fatal("no English demo article with quotes and figures")
	return "", ""
}

// serveWire serves the demo corpus on loopback for the test's lifetime.
func serveWire(t *testing.T, ctx context.Context) (*demo.Wire, string) {
	t.Helper()
	w, err := demo.NewWire(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	baseURL, err := w.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, baseURL
}

// TestBriefTranslator runs "newsdesk brief" on a Spanish and an English
// article of one demo story with the glossary translator: the pair makes
// one briefing citing both. A translator spec that cannot be built is a
// clear error before anything is fetched.
func TestBriefTranslator(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	w, base := serveWire(t, ctx)
	english := map[string]string{}
	var es, en string
	for _, a := range w.Articles() {
		if a.Lang == "en" && a.CopyOf == "" {
			english[a.Story] = a.Path
		}
	}
	for _, a := range w.Articles() {
		if a.Lang == "es" && english[a.Story] != "" {
			es, en = a.Path, english[a.Story]
			break
		}
	}
	if es == "" {
		t.Fatal("no Spanish demo article with English coverage")
	}

	var stdout, stderr bytes.Buffer
	args := []string{"brief", "--allow-private", "--translator", "glossary", "--format", "json", base + en, base + es}
	if err := run(ctx, args, func(string) string { return "" }, &stdout, &stderr); err != nil {
		t.Fatalf("brief: %v\n%s", err, stderr.String())
	}
	var got []struct {
		news.Briefing
		Articles []news.Article `json:"articles"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d briefings, want the two articles in one", len(got))
	}
	// Each cited article comes with its URL and text, so that every
	// citation can be checked from the JSON alone.
	articles := map[int64]news.Article{}
	for _, a := range got[0].Articles {
		articles[a.ID] = a
	}
	if articles[1].URL != base+en || articles[2].URL != base+es {
		t.Errorf("articles 1 and 2 are %q and %q, want %q (English) and %q (Spanish)", articles[1].URL, articles[2].URL, base+en, base+es)
	}
	if err := brief.CheckGrounded(got[0].Briefing, articles); err != nil {
		t.Errorf("citations do not check against the articles the JSON gives: %v", err)
	}

	err := run(ctx, []string{"brief", "--translator", "babelfish", base + en}, func(string) string { return "" }, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "translator") {
		t.Errorf("unknown translator: error %v, want one naming the translator", err)
	}
}

// TestBriefDeskLang runs "newsdesk brief" on a Spanish and an English
// article of one demo story for an English and for a Spanish desk: each
// heads the story with the title in its own language, so --desk-lang
// reaches the briefing. The glossary, which translates into English only,
// is refused for a Spanish desk as a configuration error.
func TestBriefDeskLang(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	w, base := serveWire(t, ctx)
	english := map[string]demo.Article{}
	var es, en demo.Article
	for _, a := range w.Articles() {
		if a.Lang == "en" && a.CopyOf == "" {
			english[a.Story] = a
		}
	}
	for _, a := range w.Articles() {
		if a.Lang == "es" && english[a.Story].Path != "" {
			es, en = a, english[a.Story]
			break
		}
	}
	if es.Path == "" {
		t.Fatal("no Spanish demo article with English coverage")
	}

	for _, tt := range []struct {
		desk string
		want demo.Article
	}{
		{"en", en},
		{"es", es},
	} {
		var stdout, stderr bytes.Buffer
		args := []string{"brief", "--allow-private", "--desk-lang", tt.desk, "--format", "json", base + en.Path, base + es.Path}
		if err := run(ctx, args, func(string) string { return "" }, &stdout, &stderr); err != nil {
			t.Fatalf("brief --desk-lang %s: %v\n%s", tt.desk, err, stderr.String())
		}
		var got []news.Briefing
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("--desk-lang %s: got %d briefings, want the two articles in one", tt.desk, len(got))
		}
		if got[0].Headline != tt.want.Title {
			t.Errorf("--desk-lang %s: headline %q, want the %s title %q", tt.desk, got[0].Headline, tt.want.Lang, tt.want.Title)
		}
	}

	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"brief", "--desk-lang", "es", "--translator", "glossary", base + en.Path}, func(string) string { return "" }, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), `not into the desk language "es"`) {
		t.Errorf("glossary for a Spanish desk: error %v, want one naming the desk language", err)
	}
}
