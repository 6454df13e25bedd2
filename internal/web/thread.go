package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// A thread is the clusterer's line of related stories over time (a
// flood, then its recovery fund); a briefing's background cites the
// thread's earlier stories. Its page lists them all, in the order they
// happened, so a reader can follow the line back.

// maxThreadStories caps a thread's list; a thread that long is years of
// one subject.
const maxThreadStories = 500

func threadPath(id int64) string { return "/threads/" + strconv.FormatInt(id, 10) }

// threadStories lists thread id's stories, first seen first, and whether
// the thread has more than limit, of which the list holds the most
// recently updated (the store's order); a thread without stories is
// store.ErrNotFound.
func (s *Server) threadStories(ctx context.Context, id int64, limit int) ([]news.Story, bool, error) {
	// One more than the cap tells a thread at the cap from a longer one,
	// which a reader must not take for the whole thread.
	list, err := s.st.Stories(ctx, store.StoryFilter{ThreadID: id, Limit: limit + 1})
	if err != nil {
		return nil, false, fmt.Errorf("list stories of thread %d: %w", id, err)
	}
	if len(list) == 0 {
		return nil, false, fmt.Errorf("thread %d: %w", id, store.ErrNotFound)
	}
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	slices.SortStableFunc(list, func(a, b news.Story) int {
		return cmp.Or(a.FirstSeen.Compare(b.FirstSeen), cmp.Compare(a.ID, b.ID))
	})
	return list, more, nil
}

// threadTitle names a thread (its stories first seen first) by its
// most-covered story's headline: most sources, then most articles, the
// earliest on a tie. The thread is what most outlets reported ("Osk bursts
// its banks"), not its latest turn ("Valdria announces flood fund"), whose
// headline would rename the thread at every new story; nor its first,
// which can be a one-outlet precursor of the news.
func threadTitle(list []news.Story) string {
	best := 0
	for i, st := range list {
		b := list[best]
		if st.SourceCount > b.SourceCount || st.SourceCount == b.SourceCount && st.ArticleCount > b.ArticleCount {
			best = i
		}
	}
	return list[best].Title
}

// threadResponse is the body of GET /api/threads/{id}. More is set when
// the thread has more stories than the list, which holds its most
// recently updated.
type threadResponse struct {
	ID      int64       `json:"id"`
	Stories []storyJSON `json:"stories"`
	More    bool        `json:"more,omitempty"`
}

func (s *Server) apiThread(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "thread")
	if !ok {
		return
	}
	limit, err := intParam(r.URL.Query(), queryRange{Name: "limit", Default: maxThreadStories, Min: 1, Max: maxThreadStories})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	list, more, err := s.threadStories(r.Context(), id, limit)
	if err != nil {
		s.storeError(w, r, "thread", err)
		return
	}
	writeJSON(w, http.StatusOK, threadResponse{ID: id, Stories: storiesJSON(s.baseURL(r), list), More: more})
}

// threadPage is the thread page's data.
type threadPage struct {
	ID      int64
	Title   string // threadTitle's
	Stories []storyRow
	More    bool // the thread has more stories than Stories
}

func (s *Server) handleThreadPage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pagePathID(w, r, "thread")
	if !ok {
		return
	}
	list, more, err := s.threadStories(r.Context(), id, maxThreadStories)
	if err != nil {
		s.pageStoreError(w, r, "thread", err)
		return
	}
	page := threadPage{ID: id, Title: threadTitle(list), More: more}
	for _, st := range list {
		page.Stories = append(page.Stories, storyRow{Story: st, Href: storyPath(st.ID)})
	}
	s.render(w, r, http.StatusOK, "thread", pageData{Title: "Thread: " + page.Title, Nav: "stories", Page: page})
}
