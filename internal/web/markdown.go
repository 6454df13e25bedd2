package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/brief"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// handleBriefingMarkdown serves a story's stored briefing as Markdown,
// written by brief.Markdown as "newsdesk brief" writes it: each citation a
// footnote naming the article, its URL and the cited byte range. A story
// not yet briefed has no briefing to give, and is a 404 like an unknown
// one.
func (s *Server) handleBriefingMarkdown(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "There is no such story.")
		return
	}
	ctx := r.Context()
	st, b, err := s.storyAndBriefing(ctx, id)
	if err != nil {
		s.pageStoreError(w, r, "story", err)
		return
	}
	if len(b.Sections) == 0 {
		s.errorPage(w, r, http.StatusNotFound, "This story has not been briefed yet.")
		return
	}
	// The footnotes name each cited article by title and URL; the text is
	// not needed.
	articles := map[int64]news.Article{}
	for i, aid := range b.CitedArticles() {
		if i == maxCitedArticles {
			break
		}
		a, err := s.st.Article(ctx, aid)
		if err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				s.log.Warn("load cited article", "story", id, "article", aid, "err", err)
			}
			continue
		}
		a.Text = ""
		articles[aid] = a
	}
	var buf bytes.Buffer
	if err := brief.Markdown(&buf, b, articles); err != nil {
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
