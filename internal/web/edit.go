package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// SourceEdit is the body of PATCH /api/sources/{id}: the fields to
// change, each validated as POST /api/sources validates it; a field left
// out is left as it is. An empty name gives the source the feed's title
// again at its next poll; an empty lang or category clears it; an empty
// poll_interval, or "0", puts the feed back on the server's interval.
type SourceEdit struct {
	Name         *string `json:"name,omitempty"`
	Lang         *string `json:"lang,omitempty"`
	Category     *string `json:"category,omitempty"`
	PollInterval *string `json:"poll_interval,omitempty"`
}

// sourceEditShape is what PATCH /api/sources/{id} takes, for its errors.
const sourceEditShape = "request body must be a JSON object {name?, lang?, category?, poll_interval?}"

// ParseSourceEdit decodes the body of PATCH /api/sources/{id}. Its values
// are checked by Apply, against the source they change (a page takes no
// poll interval). Its errors are fit to show the client.
func ParseSourceEdit(body io.Reader) (SourceEdit, error) {
	var e SourceEdit
	if err := decodeObject(body, &e, sourceEditShape); err != nil {
		return SourceEdit{}, err
	}
	if e == (SourceEdit{}) {
		return SourceEdit{}, errors.New("nothing to change: " + sourceEditShape)
	}
	return e, nil
}

// Scheduler returns the interval a good poll of the feed src would set
// its next poll at, and why (pipeline.Config.Schedule): the
// server's, the source's own, or longer by the feed's history and hints.
type Scheduler func(src news.Source) (every time.Duration, why string)

// Apply validates e and applies it to src, as stored at now. If the
// edit changes the feed's own interval and schedule is not nil, the next
// poll moves to follow it (see Reschedule). Its errors are fit to show
// the client, and leave src as it was.
func (e SourceEdit) Apply(src *news.Source, now time.Time, schedule Scheduler) error {
	out := *src
	var err error
	if e.Name != nil {
		if out.Name, err = checkName(*e.Name); err != nil {
			return err
		}
	}
	if e.Lang != nil {
		if out.Lang, err = checkLang(*e.Lang); err != nil {
			return err
		}
	}
	if e.Category != nil {
		if out.Category, err = checkCategory(*e.Category); err != nil {
			return err
		}
	}
	if e.PollInterval != nil {
		every := *e.PollInterval
		if strings.TrimSpace(every) == "0" {
			every = ""
		}
		if out.PollInterval, err = checkPollInterval(out.Kind, every); err != nil {
			return err
		}
	}
	if out.PollInterval != src.PollInterval && schedule != nil {
		Reschedule(&out, now, schedule)
	}
	*src = out
	return nil
}

// Reschedule moves the next poll of the feed src, whose own interval has
// just changed, to its last poll plus the interval schedule now gives,
// or to now if that time has passed: so that a feed set from 15 minutes
// to 2 hours is not read again at the 15 minutes its last poll chose, and
// one set from 2 hours to 30 minutes does not wait out the 2 hours. Only
// a feed whose last poll was good is moved: a new one is due already,
// and one in error keeps the backoff its failures set (a retry clears it).
func Reschedule(src *news.Source, now time.Time, schedule Scheduler) {
	if src.Kind != news.SourceFeed || src.Status != news.StatusOK || src.LastPolledAt.IsZero() {
		return
	}
	src.PollEvery, src.PollReason = schedule(*src)
	src.NextPollAt = src.LastPolledAt.Add(src.PollEvery)
	if src.NextPollAt.Before(now) {
		src.NextPollAt = now
	}
}

// editError is an edit the client asked for that Apply refused.
type editError struct{ err error }

func (e editError) Error() string { return e.err.Error() }
func (e editError) Unwrap() error { return e.err }

// editSource applies edit to source id in the store's transaction, as
// the API and the sources page's form both do. An edit Apply refuses is
// returned as an editError, whose text is fit to show the client; any
// other error is the store's, to be logged and not shown.
func (s *Server) editSource(ctx context.Context, id int64, edit SourceEdit) (news.Source, error) {
	return s.st.EditSource(ctx, id, func(cur *news.Source) error {
		if err := edit.Apply(cur, s.now().UTC(), s.cfg.Schedule); err != nil {
			return editError{err}
		}
		return nil
	})
}

// apiEditSource changes a source's name, lang, category or own poll
// interval, for a user who mistyped one or wants the feed read more or
// less often, without deleting it and losing its history.
func (s *Server) apiEditSource(w http.ResponseWriter, r *http.Request) {
	id, ok := apiPathID(w, r, "source")
	if !ok {
		return
	}
	var edit SourceEdit
	if !readSourceBody(w, r, "the changes", func(body io.Reader) (err error) {
		edit, err = ParseSourceEdit(body)
		return err
	}) {
		return
	}
	src, err := s.editSource(r.Context(), id, edit)
	var bad editError
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, bad.Error())
		return
	case err != nil:
		s.storeError(w, r, "source", err)
		return
	}
	s.log.Info("source edited", "id", id, "url", src.URL)
	writeJSON(w, http.StatusOK, src)
}

// handleSourceEditForm is the sources page's edit form posted without
// script: the form's fields are PATCH /api/sources/{id}'s, each sent
// (an empty one clears its field), and its token field is the API token,
// as a plain form cannot send an Authorization header. Cross-origin posts
// are refused before this runs, as every write is (routes). A good edit
// goes back to the source on the sources page; a bad one is an error page
// that says why.
func (s *Server) handleSourceEditForm(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pagePathID(w, r, "source")
	if !ok {
		return
	}
	guess, ok := s.reserveGuessPage(w, r, "changed")
	if !ok {
		return
	}
	// Given back if the form cannot be read: its token was not checked.
	defer guess.release()
	// The form's fields are those of the API's JSON body, so they get its
	// bound, not only the 1 MiB every request has (limitBody), and a form
	// over it is told so, not that it could not be read.
	r.Body = http.MaxBytesReader(w, r.Body, MaxSourceBody)
	if err := r.ParseForm(); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			s.errorPage(w, r, http.StatusRequestEntityTooLarge, "The form is too large to save.")
			return
		}
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	if !s.checkFormToken(w, r, guess) {
		return
	}
	var edit SourceEdit
	for field, dst := range map[string]**string{"name": &edit.Name, "lang": &edit.Lang, "category": &edit.Category, "poll_interval": &edit.PollInterval} {
		if vs, ok := r.PostForm[field]; ok && len(vs) > 0 {
			*dst = &vs[0]
		}
	}
	_, err := s.editSource(r.Context(), id, edit)
	var bad editError
	switch {
	case errors.As(err, &bad):
		s.errorPage(w, r, http.StatusBadRequest, "Not saved: "+bad.Error()+".")
		return
	case err != nil:
		s.pageStoreError(w, r, "source", err)
		return
	}
	s.log.Info("source edited", "id", id, "form", true)
	http.Redirect(w, r, "/sources#source-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
