// Package neus reads the NeuS multi-source summarisation data set (Lee et
// al., 2022): stories told by several outlets, each with the summary its
// editors wrote. Both the summary model's training (package brief's tests)
// and "newsdesk eval summarize" read it here, so they see the same
// articles.
package neus

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsdesk/newsdesk/internal/news"
)

// Story is one NeuS example: the articles of a story and the editors'
// summary.
type Story struct {
	Articles []news.Article
	Target   string
}

// Read reads NAME.source and NAME.target from dir. Each source line is a
// story told by several outlets separated by "[SEP]", each as
// "TITLE=> ... ARTICLE=> ..."; article IDs are synthesised as
// line*10+outlet+1. The target keeps only its ARTICLE part: the summary the
// editors wrote, without their headline.
func Read(dir, split string) ([]Story, error) {
	src, err := readLines(filepath.Join(dir, split+".source"))
	if err != nil {
		return nil, err
	}
	tgt, err := readLines(filepath.Join(dir, split+".target"))
	if err != nil {
		return nil, err
	}
	if len(src) != len(tgt) {
		return nil, fmt.Errorf("split %q: %d source lines but %d target lines", split, len(src), len(tgt))
	}
	out := make([]Story, len(src))
	for i, line := range src {
		for k, part := range strings.Split(line, "[SEP]") {
			title, body := splitPart(part)
			if body == "" && title == "" {
				continue
			}
			out[i].Articles = append(out[i].Articles, news.Article{
				ID: int64(i*10 + k + 1), Title: title, Text: body, Lang: "en",
				URL: fmt.Sprintf("neus:%s/%d/%d", split, i, k),
			})
		}
		_, out[i].Target = splitPart(tgt[i])
	}
	return out, nil
}

// splitPart cuts "TITLE=> t ARTICLE=> a" into its title and article.
func splitPart(s string) (title, article string) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "TITLE=>"))
	if t, a, ok := strings.Cut(s, "ARTICLE=>"); ok {
		return strings.TrimSpace(t), strings.TrimSpace(a)
	}
	return "", s
}

// readLines returns the lines of the file at path; a source line holds a
// whole story and runs to megabytes.
func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}
