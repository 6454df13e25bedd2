package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/brief"
)

// handleBriefingMarkdown serves a story's stored briefing as Markdown,
// written by brief.Markdown as "newsdesk brief" writes it: each citation a
// footnote naming the article, its URL and the cited byte range. A story
// not yet briefed has no briefing to give, and is a 404 like an unknown
// one.
func (s *Server) handleBriefingMarkdown(w http.ResponseWriter, r *http.Request) {
	st, b, ok := s.pageStory(w, r)
	if !ok {
		return
	}
	id, ctx := st.ID, r.Context()
	if len(b.Sections) == 0 {
		s.errorPage(w, r, http.StatusNotFound, "This story has not been briefed yet.")
		return
	}
	articles, _ := s.citedArticles(ctx, id, b)
	var buf bytes.Buffer
	// Related stories link their pages by absolute URL, as the footnotes
	// link the articles: the file is read away from the site.
	base := s.baseURL(r)
	opt := brief.MarkdownOptions{StoryURL: func(id int64) string { return storyURL(base, id) }}
	if err := brief.MarkdownWith(&buf, b, articles, opt); err != nil {
		s.log.Error("render briefing markdown", "story", st.ID, "err", err)
		s.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on our side. Please try again.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/markdown; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="story-`+strconv.FormatInt(st.ID, 10)+`.md"`)
	h.Set("Cache-Control", "no-cache")
	_, _ = buf.WriteTo(w)
}
