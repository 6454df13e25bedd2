package news

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSourceJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  Source
		want []string // in the JSON
		not  []string // not in it
	}{
		{"schedule", Source{ID: 3, Kind: SourceFeed, URL: "https://example.org/feed", PollInterval: 30 * time.Minute,
			PollHint: time.Hour, PollEvery: time.Hour, PollReason: "hint: the feed says it changes every 1 hour", UnchangedPolls: 2},
			[]string{`"poll_interval":"30m0s"`, `"poll_hint":"1h0m0s"`, `"poll_every":"1h0m0s"`, `"poll_reason":"hint: `, `"unchanged_polls":2`, `"id":3`}, nil},
		{"none", Source{ID: 4, Kind: SourceFeed, URL: "https://example.org/feed"},
			[]string{`"unchanged_polls":0`}, []string{"poll_interval", "poll_hint", "poll_every", "poll_reason", "PollInterval"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := json.Marshal(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("JSON %s lacks %s", data, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(data), n) {
					t.Errorf("JSON %s holds %s", data, n)
				}
			}
			var back Source
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.src, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
	var s Source
	if err := json.Unmarshal([]byte(`{"poll_interval": "soon"}`), &s); err == nil {
		t.Error("a bad poll_interval was read")
	}
}
