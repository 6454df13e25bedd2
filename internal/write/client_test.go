package write

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// chatServer serves a fake chat-completions endpoint answering content as
// the assistant's message, and records the last request.
func chatServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(handle))
	t.Cleanup(srv.Close)
	return srv
}

func answer(content string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"message": map[string]any{"role": "assistant", "content": content}}},
		})
	}
}

func testClient(t *testing.T, url string, timeout time.Duration) *Client {
	t.Helper()
	c, err := NewClient(Config{BaseURL: url + "/v1", Model: "test", APIKey: "sekret", Timeout: timeout, AllowPrivate: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientWrite(t *testing.T) {
	t.Parallel()
	var got chatRequest
	var auth string
	srv := chatServer(t, func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &got); err != nil {
			t.Errorf("request body: %v", err)
		}
		answer("```json\n{\"sentences\":[{\"text\":\" The council approved it. \",\"cites\":[1]}]}\n```")(w, r)
	})
	c := testClient(t, srv.URL, time.Second)
	drafts, err := c.Write(context.Background(), Request{Headline: "Budget passes", Sources: []Source{{N: 1, Text: "The council\napproved it."}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Draft{{Text: "The council approved it.", Cites: []int{1}}}, drafts); diff != "" {
		t.Errorf("drafts (-want +got):\n%s", diff)
	}
	if auth != "Bearer sekret" {
		t.Errorf("Authorization = %q", auth)
	}
	if got.Model != "test" || len(got.Messages) != 2 || !strings.Contains(got.Messages[1].Content, "[1] The council approved it.") {
		t.Errorf("request = %+v", got)
	}
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handle  func(w http.ResponseWriter, r *http.Request)
		wantErr string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, `{"error":{"message":"model not loaded"}}`, http.StatusInternalServerError)
		}, "HTTP 500: model not loaded"},
		{"garbage envelope", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>oops") }, "bad response"},
		{"no choices", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"choices":[]}`) }, "no choices"},
		{"garbage content", answer("Sure! Here is a summary: the council approved it."), "parse drafts"},
		{"unknown field", answer(`{"sentences":[{"text":"x","cites":[1],"confidence":0.9}]}`), "unknown field"},
		{"too large", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":[{"message":{"content":"`+strings.Repeat("a", 2<<20)+`"}}]}`)
		}, "response over"},
		{"slow", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}, "deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := chatServer(t, tt.handle)
			// Only the slow row is about the timeout; the others get time
			// to send a large answer on a loaded machine under -race.
			timeout := 10 * time.Second
			if tt.name == "slow" {
				timeout = 200 * time.Millisecond
			}
			c := testClient(t, srv.URL, timeout)
			_, err := c.Write(context.Background(), Request{Sources: []Source{{N: 1, Text: "x"}}})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Write error = %v, want one mentioning %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "sekret") {
				t.Errorf("error %q shows the API key", err)
			}
		})
	}
}

// TestClientRefusesRedirect checks that a writer URL which redirects is
// not followed: the target was never validated against AllowPrivate.
func TestClientRefusesRedirect(t *testing.T) {
	t.Parallel()
	var followed atomic.Bool
	target := chatServer(t, func(w http.ResponseWriter, r *http.Request) {
		followed.Store(true)
		answer(`{"sentences":[{"text":"x","cites":[1]}]}`)(w, r)
	})
	srv := chatServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	c := testClient(t, srv.URL, time.Second)
	_, err := c.Write(context.Background(), Request{Sources: []Source{{N: 1, Text: "x"}}})
	if err == nil || !strings.Contains(err.Error(), "HTTP 307") {
		t.Errorf("Write error = %v, want HTTP 307", err)
	}
	if followed.Load() {
		t.Error("the redirect was followed")
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"off", Config{}, true},
		{"public", Config{BaseURL: "https://api.example.com/v1", Model: "m"}, true},
		{"private allowed", Config{BaseURL: "http://127.0.0.1:8081/v1", Model: "m", AllowPrivate: true}, true},
		{"loopback refused", Config{BaseURL: "http://127.0.0.1:8081/v1", Model: "m"}, false},
		{"localhost refused", Config{BaseURL: "http://localhost:11434/v1", Model: "m"}, false},
		{"zoned loopback refused", Config{BaseURL: "http://[::1%25lo]:8081/v1", Model: "m"}, false},
		{"mapped loopback refused", Config{BaseURL: "http://[::ffff:127.0.0.1]:8081/v1", Model: "m"}, false},
		{"link-local refused", Config{BaseURL: "http://169.254.169.254/v1", Model: "m"}, false},
		{"private refused", Config{BaseURL: "http://192.168.1.20/v1", Model: "m"}, false},
		{"no model", Config{BaseURL: "https://api.example.com/v1"}, false},
		{"not http", Config{BaseURL: "ftp://api.example.com", Model: "m"}, false},
		{"relative", Config{BaseURL: "/v1", Model: "m"}, false},
		{"query in URL", Config{BaseURL: "https://api.example.com/v1?key=s", Model: "m"}, false},
		{"fragment in URL", Config{BaseURL: "https://api.example.com/v1#x", Model: "m"}, false},
		{"key in URL", Config{BaseURL: "https://k:s@api.example.com/v1", Model: "m"}, false},
		{"key over http refused", Config{BaseURL: "http://api.example.com/v1", Model: "m", APIKey: "k"}, false},
		{"http without key", Config{BaseURL: "http://api.example.com/v1", Model: "m"}, true},
		{"private key over http", Config{BaseURL: "http://127.0.0.1:8081/v1", Model: "m", APIKey: "k", AllowPrivate: true}, true},
		{"negative timeout", Config{BaseURL: "https://api.example.com/v1", Model: "m", Timeout: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	// The timeout is written as people read it, not as Go's "-1ns".
	cfg := Config{BaseURL: "https://api.example.com/v1", Model: "m", Timeout: -90 * time.Second}
	if err := cfg.Validate(); err == nil || err.Error() != "writer timeout -1 minute 30 seconds: want positive" {
		t.Errorf("Validate() with a negative timeout = %v", err)
	}
}

// composeFixture is a briefing whose extractive summary cites two spans
// of one article, and that article.
func composeFixture() (news.Briefing, map[int64]news.Article) {
	text := "The city council approved a $2.3 billion budget on Tuesday. The transport union did not endorse the budget."
	a := news.Article{ID: 7, Text: text}
	s1, s2 := news.Span{Start: 0, End: 60}, news.Span{Start: 61, End: len(text)}
	b := news.Briefing{StoryID: 3, Headline: "Budget passes", Sections: []news.Section{
		{Kind: news.SectionHeadline, Items: []news.Item{{Text: "Budget passes"}}},
		{Kind: news.SectionSummary, Items: []news.Item{
			{Text: s1.Of(text), Citations: []news.Citation{news.Cite(7, s1)}},
			{Text: s2.Of(text), Citations: []news.Citation{news.Cite(7, s2)}},
		}},
		{Kind: news.SectionReferences, Items: []news.Item{{Text: "Budget", URL: "u"}}},
	}}
	return b, map[int64]news.Article{7: a}
}

func TestComposeWithServer(t *testing.T) {
	t.Parallel()
	good := `{"sentences":[
		{"text":"On Tuesday the city council approved a $2.3 billion budget.","cites":[1]},
		{"text":"The council approved a $2.8 billion budget.","cites":[1]},
		{"text":"The transport union endorsed the budget.","cites":[2]},
		{"text":"Mayor Alan Brooks praised the budget.","cites":[1]},
		{"text":"The transport union did not endorse the budget.","cites":[2,5]},
		{"text":"The transport union did not endorse the budget.","cites":[]}
	]}`
	b, arts := composeFixture()
	tests := []struct {
		name   string
		handle func(w http.ResponseWriter, r *http.Request)
		want   []news.Item // the written section's items; nil: b unchanged
	}{
		{"supported only", answer(good), []news.Item{
			{Text: "On Tuesday the city council approved a $2.3 billion budget.", Citations: []news.Citation{{ArticleID: 7, Start: 0, End: 60}}},
		}},
		{"all rejected", answer(`{"sentences":[{"text":"The council rejected the budget amid protests.","cites":[1]}]}`), nil},
		{"garbage", answer("I cannot help with that."), nil},
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) }, nil},
		{"slow", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := chatServer(t, tt.handle)
			var logs strings.Builder
			log := slog.New(slog.NewTextHandler(&logs, nil))
			got := Compose(context.Background(), testClient(t, srv.URL, 200*time.Millisecond), b, arts, log)
			if tt.want == nil {
				if diff := cmp.Diff(b, got); diff != "" {
					t.Errorf("briefing changed (-want +got):\n%s", diff)
				}
				if !strings.Contains(logs.String(), "level=WARN") {
					t.Errorf("no warning logged: %s", logs.String())
				}
				return
			}
			if len(got.Sections) != len(b.Sections)+1 || got.Sections[2].Kind != news.SectionWritten {
				t.Fatalf("sections = %+v, want the written summary after the summary", got.Sections)
			}
			if diff := cmp.Diff(tt.want, got.Sections[2].Items); diff != "" {
				t.Errorf("written items (-want +got):\n%s", diff)
			}
			for _, it := range got.Sections[2].Items {
				for _, c := range it.Citations {
					if !c.Span().Valid(len(arts[c.ArticleID].Text)) {
						t.Errorf("citation %+v is no valid span", c)
					}
				}
			}
			if diff := cmp.Diff(b.Sections, append(append([]news.Section{}, got.Sections[:2]...), got.Sections[3:]...)); diff != "" {
				t.Errorf("other sections changed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestComposeNilWriter(t *testing.T) {
	t.Parallel()
	b, arts := composeFixture()
	if diff := cmp.Diff(b, Compose(context.Background(), nil, b, arts, nil)); diff != "" {
		t.Errorf("briefing changed (-want +got):\n%s", diff)
	}
}

func TestRequestForSkipsBadSpans(t *testing.T) {
	t.Parallel()
	b, arts := composeFixture()
	b.Sections[1].Items[0].Text = "Not what the span holds."
	req, ok := RequestFor(b, arts)
	if !ok || len(req.Sources) != 1 || req.Sources[0].N != 1 || req.Sources[0].Text != b.Sections[1].Items[1].Text {
		t.Errorf("RequestFor = %+v, %v; want only the second sentence, numbered 1", req, ok)
	}
}

func FuzzParseDrafts(f *testing.F) {
	f.Add([]byte(`{"sentences":[{"text":"A b c.","cites":[1,2]}]}`))
	f.Add([]byte("```json\n{\"sentences\":[]}\n```"))
	f.Add([]byte(`{"sentences":[{"text":"","cites":[0]}]} trailing`))
	f.Add([]byte(`{"sentences":null}`))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		drafts, err := ParseDrafts(data)
		if err != nil {
			return
		}
		if len(drafts) > MaxDrafts {
			t.Fatalf("%d drafts", len(drafts))
		}
		for _, d := range drafts {
			if d.Text == "" || d.Text != strings.TrimSpace(d.Text) || len(d.Text) > MaxDraftBytes || len(d.Cites) > MaxSources {
				t.Fatalf("draft %+v breaks the limits", d)
			}
			for _, n := range d.Cites {
				if n < 1 {
					t.Fatalf("draft cites %d", n)
				}
			}
			// Verify must not panic on anything the parser lets through.
			_ = Verify(d, spans)
		}
	})
}

// funcWriter is a Writer from a function.
type funcWriter func(ctx context.Context, req Request) ([]Draft, error)

func (f funcWriter) Write(ctx context.Context, req Request) ([]Draft, error) { return f(ctx, req) }

// TestWritten checks that Written hands the writer's failure to its
// caller (the pipeline's write job retries on it), and returns the
// supported sentences alone as the section.
func TestWritten(t *testing.T) {
	t.Parallel()
	b, arts := composeFixture()
	down := errors.New("model server down")
	tests := []struct {
		name    string
		w       Writer
		wantOK  bool
		wantErr error
	}{
		{"nil writer", nil, false, nil},
		{"failing writer", funcWriter(func(context.Context, Request) ([]Draft, error) { return nil, down }), false, down},
		{"all rejected", funcWriter(func(context.Context, Request) ([]Draft, error) {
			return []Draft{{Text: "Officials said 987,654 people were affected.", Cites: []int{1}}}, nil
		}), false, nil},
		{"one supported", funcWriter(func(_ context.Context, req Request) ([]Draft, error) {
			return []Draft{{Text: req.Summary[0], Cites: []int{1}}, {Text: "Officials said 987,654 people were affected.", Cites: []int{1}}}, nil
		}), true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, ok, err := Written(context.Background(), tt.w, b, arts, nil)
			if !errors.Is(err, tt.wantErr) || ok != tt.wantOK {
				t.Fatalf("Written = ok %v, err %v; want ok %v, err %v", ok, err, tt.wantOK, tt.wantErr)
			}
			if !ok {
				return
			}
			want := news.Section{Kind: news.SectionWritten, Title: SectionTitle,
				Items: []news.Item{{Text: b.Sections[1].Items[0].Text, Citations: b.Sections[1].Items[0].Citations}}}
			if diff := cmp.Diff(want, s); diff != "" {
				t.Errorf("section (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWithSectionReplaces checks that attaching a written section twice
// (a re-brief re-attaching it, a write job storing it) leaves one, right
// after the summary, and leaves the caller's sections alone.
func TestWithSectionReplaces(t *testing.T) {
	t.Parallel()
	b, _ := composeFixture()
	orig := append([]news.Section(nil), b.Sections...)
	first := news.Section{Kind: news.SectionWritten, Title: SectionTitle, Items: []news.Item{{Text: "first"}}}
	second := news.Section{Kind: news.SectionWritten, Title: SectionTitle, Items: []news.Item{{Text: "second"}}}
	got := WithSection(WithSection(b, first), second)
	var kinds []news.SectionKind
	for _, s := range got.Sections {
		kinds = append(kinds, s.Kind)
	}
	var want []news.SectionKind
	for _, s := range orig {
		want = append(want, s.Kind)
		if s.Kind == news.SectionSummary {
			want = append(want, news.SectionWritten)
		}
	}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("section kinds (-want +got):\n%s", diff)
	}
	if s, _ := got.Section(news.SectionWritten); s.Items[0].Text != "second" {
		t.Errorf("written section %+v, want the second", s)
	}
	if diff := cmp.Diff(orig, b.Sections); diff != "" {
		t.Errorf("caller's sections changed (-want +got):\n%s", diff)
	}
}
