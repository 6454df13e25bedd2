package pipeline

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/cluster"
)

// TestValidateCluster checks that the pipeline refuses, at New, a
// clustering configuration the clusterer cannot use, naming the setting,
// and that the one-shot refuses it before fetching anything.
func TestValidateCluster(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(*cluster.Config)
		want   string // a part of the error, "" for none
	}{
		{"defaults", func(*cluster.Config) {}, ""},
		{"negative headline words", func(c *cluster.Config) { c.HeadlineWords = -1 }, "cluster: headline words must not be negative, got -1"},
		{"slack too wide", func(c *cluster.Config) { c.AmountSlack = 1 << 20 }, "cluster: amount slack must be 0 to"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := DefaultConfig()
			tc.change(&cfg.Cluster)
			err := cfg.Validate()
			if got := errText(err); tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("Validate() = %q, want an error containing %q", got, tc.want)
			}
			_, _, err = OneShot(t.Context(), nil, []string{"/nonexistent/page.html"}, OneShotOptions{Cluster: &cfg.Cluster})
			if tc.want != "" && !strings.Contains(errText(err), strings.TrimPrefix(tc.want, "cluster: ")) {
				t.Errorf("OneShot() = %q, want an error containing %q", errText(err), tc.want)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
