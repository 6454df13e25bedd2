package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestChooseTitleStandfirst(t *testing.T) {
	t.Parallel()
	long := "Learn which projects pay back the most when you sell, with expert tips on how to estimate the return of each one and everything else you need to know before you start."
	tests := []struct {
		name, page, want string
	}{
		{
			name: "long h1 is a standfirst",
			page: `<html><head><title>The 10 Best Renovation Projects | Site</title></head><body><h1>` + long + `</h1><p>Text.</p></body></html>`,
			want: "The 10 Best Renovation Projects",
		},
		{
			name: "long h1 without a declared title is kept",
			page: `<html><head></head><body><h1>` + long + `</h1><p>Text.</p></body></html>`,
			want: long,
		},
		{
			name: "headline-length h1 wins",
			page: `<html><head><title>Bridge reopens | Site</title></head><body><h1>Harbour bridge reopens after repairs</h1></body></html>`,
			want: "Harbour bridge reopens after repairs",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := collectMeta(doc).chooseTitle("example.com"); got != tt.want {
				t.Errorf("chooseTitle() = %q, want %q", got, tt.want)
			}
		})
	}
}
