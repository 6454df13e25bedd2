package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Limits of an OPML import over HTTP.
const (
	// MaxOPMLBody caps the OPML document of POST /api/sources/import. The
	// sources page's form is a multipart body under MaxRequestBody, the
	// same 1 MiB, so its file is a little smaller.
	MaxOPMLBody = 1 << 20
	// MaxImportFeeds caps the feeds one import adds, each a write to the
	// store: a list of more is refused (413) before any is added, so a
	// request stays well within WriteTimeout on either back end.
	MaxImportFeeds = 2000
)

// opmlFilename is the name a browser saves GET /sources.opml under.
const opmlFilename = "newsdesk-subscriptions.opml"

// OPMLTitle is the title of the exported list, GET /sources.opml's and
// "newsdesk sources export"'s.
const OPMLTitle = "newsdesk subscriptions"

// handleOPMLExport serves the feed subscriptions as OPML 2.0, written by
// feed.WriteOPML as "newsdesk sources export" writes them; page sources
// are left out, as OPML lists feeds, and the file's comment says how many.
func (s *Server) handleOPMLExport(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.st.Sources(r.Context())
	if err != nil {
		s.pageStoreError(w, r, "source", err)
		return
	}
	var buf bytes.Buffer
	if err := feed.WriteOPML(&buf, OPMLTitle, srcs); err != nil {
		s.log.Error("write OPML", "path", r.URL.Path, "err", err)
		s.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on our side. Please try again.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/x-opml; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+opmlFilename+`"`)
	h.Set("Cache-Control", "no-cache")
	_, _ = w.Write(buf.Bytes())
}

// ImportResult is the body of POST /api/sources/import: the sources
// added, the outlines not added and why, and the labels repaired on the
// way in (web.ImportSource).
type ImportResult struct {
	Added    []news.Source   `json:"added"`
	Skipped  []ImportSkipped `json:"skipped"`
	Repaired []ImportSkipped `json:"repaired"`
}

// ImportSkipped is an outline of an imported list and what happened to
// it, in words fit to show the user.
type ImportSkipped struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Reasons an outline is not added.
const (
	reasonSubscribed = "already subscribed"
	reasonNotSaved   = "not saved: something went wrong on our side; import the list again to retry"
)

// errTooManyFeeds is a list over MaxImportFeeds.
var errTooManyFeeds = fmt.Errorf("the list has more than %d feeds: split it into smaller lists", MaxImportFeeds)

// parseImport reads an OPML document from body, at most MaxOPMLBody
// bytes. Its errors are fit to show the client: a bodyTooLargeError, a
// list over MaxImportFeeds, or a document that is not OPML.
func parseImport(body io.Reader) ([]news.Source, error) {
	data, err := io.ReadAll(io.LimitReader(body, MaxOPMLBody+1))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return nil, bodyTooLargeError{limit: maxErr.Limit}
	case err != nil:
		return nil, fmt.Errorf("the OPML list could not be read: %w", err)
	case len(data) > MaxOPMLBody:
		return nil, bodyTooLargeError{limit: MaxOPMLBody}
	}
	outlines, err := feed.ParseOPML(bytes.NewReader(data))
	if err != nil {
		// ParseOPML's error names the line of the document that is wrong:
		// the client's own input, nothing of the server's.
		return nil, errors.New("not an OPML subscription list: " + strings.TrimPrefix(err.Error(), "parse OPML: "))
	}
	if len(outlines) > MaxImportFeeds {
		return nil, errTooManyFeeds
	}
	return outlines, nil
}

// importSources adds each outline through the checks of POST
// /api/sources and "newsdesk sources import" (ImportSource), in the
// list's order. A feed already subscribed, in any spelling and listed
// twice too, is skipped, as is one whose URL the checks refuse; a store
// error is logged and reported as not saved, without its text, and the
// import goes on, so that the result says what was added.
func (s *Server) importSources(ctx context.Context, path string, outlines []news.Source, own []string) ImportResult {
	res := ImportResult{Added: []news.Source{}, Skipped: []ImportSkipped{}, Repaired: []ImportSkipped{}}
	for _, o := range outlines {
		src, warns, err := ImportSource(o)
		if err == nil {
			err = CheckNotOwnSite(src.URL, own...)
		}
		if err != nil {
			res.Skipped = append(res.Skipped, ImportSkipped{URL: redactURL(o.URL), Reason: err.Error()})
			continue
		}
		if ctx.Err() != nil {
			// The client has gone: the rest is not added, and it would
			// not see the result anyway.
			res.Skipped = append(res.Skipped, ImportSkipped{URL: src.URL, Reason: reasonNotSaved})
			continue
		}
		src.CreatedAt = s.now().UTC()
		added, err := s.st.AddSource(ctx, src)
		switch {
		case errors.Is(err, store.ErrDuplicate):
			res.Skipped = append(res.Skipped, ImportSkipped{URL: src.URL, Reason: reasonSubscribed})
			continue
		case err != nil:
			if !errors.Is(err, context.Canceled) {
				s.log.Error("store", "path", path, "what", "import source", "url", src.URL, "err", err)
			}
			res.Skipped = append(res.Skipped, ImportSkipped{URL: src.URL, Reason: reasonNotSaved})
			continue
		}
		for _, w := range warns {
			res.Repaired = append(res.Repaired, ImportSkipped{URL: added.URL, Reason: w})
		}
		res.Added = append(res.Added, added)
		if s.cfg.OnSourceAdded != nil {
			s.cfg.OnSourceAdded(context.WithoutCancel(ctx), added)
		}
	}
	s.log.Info("sources imported", "path", path, "added", len(res.Added), "skipped", len(res.Skipped))
	return res
}

// redactURL hides the password of an outline's URL, which the checks
// refuse: the result is shown and may be kept or passed on, and the
// password is no business of anyone who reads it.
func redactURL(raw string) string {
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil && u.User != nil {
		return u.Redacted()
	}
	return raw
}

// opmlTypes are the media types POST /api/sources/import takes.
var opmlTypes = []string{"application/xml", "text/xml", "text/x-opml"}

// apiImportSources subscribes to every feed of the OPML list in the body,
// as "newsdesk sources import" does.
func (s *Server) apiImportSources(w http.ResponseWriter, r *http.Request) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !containsFold(opmlTypes, mt) {
		writeError(w, http.StatusUnsupportedMediaType, "send the OPML list as "+strings.Join(opmlTypes[:len(opmlTypes)-1], ", ")+" or "+opmlTypes[len(opmlTypes)-1])
		return
	}
	outlines, err := parseImport(http.MaxBytesReader(w, r.Body, MaxOPMLBody))
	if err != nil {
		status := http.StatusBadRequest
		if errors.As(err, new(bodyTooLargeError)) || errors.Is(err, errTooManyFeeds) {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, status, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, s.importSources(r.Context(), r.URL.Path, outlines, s.ownSites(r)))
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// importPage is the result page of the sources page's import form.
type importPage struct {
	ImportResult
}

// handleImportForm is the sources page's import form, posted without
// script as multipart/form-data: the OPML file in "opml" and the API
// token in "token", as a plain form cannot send an Authorization header.
// Cross-origin posts are refused before this runs, as every write is
// (routes). It answers with a page listing what was added and skipped:
// the pages keep no state between requests to show it after a redirect.
func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	guess, ok := s.reserveGuessPage(w, r, "imported")
	if !ok {
		return
	}
	// Given back if the form cannot be read: its token was not checked.
	defer guess.release()
	// limitBody has capped the body at MaxRequestBody; the whole of it may
	// be kept in memory.
	if err := r.ParseMultipartForm(MaxRequestBody); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			s.errorPage(w, r, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("The file is too large to import: the form takes at most %d KiB.", MaxRequestBody>>10))
			return
		}
		if errors.Is(err, http.ErrNotMultipart) {
			s.errorPage(w, r, http.StatusUnsupportedMediaType, "Send the form as multipart/form-data, with its OPML file.")
			return
		}
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read: send it with its OPML file.")
		return
	}
	defer r.MultipartForm.RemoveAll()
	if !s.checkFormToken(w, r, guess) {
		return
	}
	f, _, err := r.FormFile("opml")
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "Choose an OPML file to import.")
		return
	}
	defer f.Close()
	outlines, err := parseImport(f)
	if err != nil {
		status := http.StatusBadRequest
		if errors.As(err, new(bodyTooLargeError)) || errors.Is(err, errTooManyFeeds) {
			status = http.StatusRequestEntityTooLarge
		}
		s.errorPage(w, r, status, "Nothing imported: "+err.Error()+".")
		return
	}
	res := s.importSources(r.Context(), r.URL.Path, outlines, s.ownSites(r))
	s.render(w, r, http.StatusOK, "import", pageData{Title: "Import", Nav: "sources", Wide: true, Page: importPage{res}})
}
