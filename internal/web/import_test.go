package web

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdesk/newsdesk/internal/news"
)

// TestImportSource checks that an OPML outline is refused only for its feed
// URL, and that labels other readers write are repaired with a warning.
func TestImportSource(t *testing.T) {
	t.Parallel()
	const feedURL = "https://a.example/feed.xml"
	// 1 + 150×2 bytes: byte 200 falls inside an "é", so the cut must step
	// back to 199 to stay valid UTF-8.
	longName := "A" + strings.Repeat("é", 150)
	tests := []struct {
		name    string
		in      news.Source
		want    news.Source
		warns   []string
		wantErr string
	}{
		{
			name: "clean",
			in:   news.Source{URL: feedURL, Name: "Gazette", Lang: "en-gb", Category: "World", HomeURL: "https://a.example/"},
			want: news.Source{URL: feedURL, Name: "Gazette", Lang: "en-GB", Category: "World", HomeURL: "https://a.example/"},
		},
		{
			name:  "name with line breaks",
			in:    news.Source{URL: feedURL, Name: " Harbor\n\tEvening   Post\r\n"},
			want:  news.Source{URL: feedURL, Name: "Harbor Evening Post"},
			warns: []string{"name: made one line of printable text"},
		},
		{
			name:  "name with a control character",
			in:    news.Source{URL: feedURL, Name: "Bell\x07 News"},
			want:  news.Source{URL: feedURL, Name: "Bell News"},
			warns: []string{"name: made one line of printable text"},
		},
		{
			name:  "long name cut on a rune boundary",
			in:    news.Source{URL: feedURL, Name: longName},
			want:  news.Source{URL: feedURL, Name: longName[:199]},
			warns: []string{"name: cut to 200 bytes"},
		},
		{
			name:  "language written out",
			in:    news.Source{URL: feedURL, Lang: "English"},
			want:  news.Source{URL: feedURL},
			warns: []string{`dropped lang "English": lang must be a BCP 47 language tag such as "en" or "pt-BR"`},
		},
		{
			name:  "long category",
			in:    news.Source{URL: feedURL, Category: strings.Repeat("Regional / ", 8)},
			want:  news.Source{URL: feedURL, Category: strings.TrimSpace(strings.Repeat("Regional / ", 8)[:64])},
			warns: []string{"category: cut to 64 bytes"},
		},
		{
			name:  "script home page",
			in:    news.Source{URL: feedURL, HomeURL: "javascript:alert(1)"},
			want:  news.Source{URL: feedURL},
			warns: []string{`dropped home page "javascript:alert(1)": home page URL must start with http:// or https://`},
		},
		{
			name:  "home page with a password",
			in:    news.Source{URL: feedURL, HomeURL: "https://reader:hunter2@a.example/"},
			want:  news.Source{URL: feedURL},
			warns: []string{`dropped home page "https://reader:hunter2@a.example/": home page URL must not contain a user name or password`},
		},
		{
			name: "home page canonical",
			in:   news.Source{URL: feedURL, HomeURL: "HTTPS://A.Example:443/#top"},
			want: news.Source{URL: feedURL, HomeURL: "https://a.example/"},
		},
		{
			name:    "bad feed URL",
			in:      news.Source{URL: "ftp://a.example/feed", Name: "Gazette"},
			wantErr: "url must start with http:// or https://",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, warns, err := ImportSource(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Kind, tt.want.Status = news.SourceFeed, news.StatusNew
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("source (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warns, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}
