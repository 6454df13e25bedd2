package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/extract"
	"github.com/newsdesk/newsdesk/internal/feed"
	"github.com/newsdesk/newsdesk/internal/fetch"
	"github.com/newsdesk/newsdesk/internal/lang"
	"github.com/newsdesk/newsdesk/internal/news"
)

// feedItem is what a feed said about an article, carried in its job so the
// article can fall back on it when the page cannot be used.
type feedItem struct {
	URL       string    `json:"url"`
	Title     string    `json:"title,omitempty"`
	Content   string    `json:"content,omitempty"`
	Summary   string    `json:"summary,omitempty"`
	Author    string    `json:"author,omitempty"`
	Published time.Time `json:"published,omitzero"`
	ImageURL  string    `json:"image_url,omitempty"`
	Category  string    `json:"category,omitempty"`
}

// extractFunc reads a page's article: extract.ExtractContext, or in tests
// one that takes as long as they need without spending a processor on it.
type extractFunc func(ctx context.Context, html []byte, pageURL string) (extract.Result, error)

// readArticle fetches the item's page and builds the article to store: the
// page's text extracted by ex when it can be had (full), else the feed's own
// content (feed-only), else nothing (failed), with the reason recorded. It
// returns an error only when ctx ended, so the caller retries later rather
// than store a fallback the page did not deserve. A page whose extraction
// outlasts extractTimeout (if positive) is one that cannot be used.
//
// A page whose host's turn is further off than hostWait (if positive) is
// not fetched: the error is fetch.Busy's, for the job to come back then.
//
// A page that names instanceID (Config.InstanceID) as its writer
// (feed.PageNamesInstance) is this desk's own, a briefing or a copy of an
// article it holds, however it was reached: a story page added as a page
// source through a proxy or by another host name, or an item of a feed
// that links this desk's story pages (its own feed copied without its
// generator). It is failed (ownPage), its text, the feed's text and the
// feed's summary all left out, so that nothing of it can be cited.
func readArticle(ctx context.Context, fc *fetch.Client, ex extractFunc, src news.Source, it feedItem, extractTimeout, hostWait time.Duration, instanceID string) (news.Article, error) {
	a := news.Article{
		SourceID:    src.ID,
		URL:         news.URLKey(it.URL),
		Title:       it.Title,
		Byline:      it.Author,
		Publisher:   src.Name,
		PublishedAt: it.Published,
		FetchedAt:   time.Now().UTC(),
		Description: it.Summary,
		ImageURL:    it.ImageURL,
		// The item's own category names its subject ("Sport", "Health");
		// the source's is a subscriber's hint for the whole feed, so it only
		// fills in for items that carry none.
		Category: cmp.Or(it.Category, src.Category),
	}
	resp, err := fc.Get(ctx, fetch.Request{URL: it.URL, CheckRobots: true, Expect: fetch.ExpectHTML, MaxWait: hostWait})
	if err != nil {
		// Not the page's failure, so not stored with the feed's text for
		// good: a stop; a host whose turn is far off (Busy); or one that
		// answered another request with 429 and a Retry-After that has
		// not passed (Held). The article job comes back (Pipeline.article).
		if ctx.Err() != nil || fetch.KindOf(err) == fetch.KindCanceled || fetch.Busy(err) > 0 || fetch.Held(err) > 0 {
			return news.Article{}, fmt.Errorf("fetch %s: %w", it.URL, err)
		}
		return fallback(a, it, "page could not be fetched: "+err.Error(), src), nil
	}
	a.URL = news.URLKey(resp.URL)
	if feed.PageNamesInstance(resp.Body, instanceID) {
		return ownPage(a, it, instanceID), nil
	}
	res, err := extractWithin(ctx, ex, extractTimeout, resp.Body, resp.URL)
	switch {
	case errors.As(err, new(stoppedError)):
		return news.Article{}, err
	case errors.As(err, new(slowPageError)):
		return fallback(a, it, err.Error(), src), nil
	case errors.Is(err, extract.ErrNotHTML):
		return fallback(a, it, "page is not an HTML article", src), nil
	case err != nil:
		return fallback(a, it, "no article found on the page: "+err.Error(), src), nil
	case strings.TrimSpace(res.Text) == "":
		return fallback(a, it, "no article text found on the page", src), nil
	}
	a.Text = res.Text
	a.Extraction = news.ExtractFull
	a.Title = firstNonEmpty(a.Title, res.Title)
	a.Byline = firstNonEmpty(res.Byline, a.Byline)
	a.Publisher = firstNonEmpty(res.Publisher, a.Publisher)
	a.Description = firstNonEmpty(a.Description, res.Description)
	a.ImageURL = firstNonEmpty(a.ImageURL, res.Image)
	if a.PublishedAt.IsZero() {
		a.PublishedAt = res.Published
	}
	a.Lang = detectLang(a.Text, res.Lang, src.Lang)
	return a, nil
}

// ownPage is the article of a page of this desk's own (readArticle): failed,
// with no text, not even the feed's (a copy of this desk's feed carries
// its briefings' summaries), and no summary, and a reason that says why.
func ownPage(a news.Article, it feedItem, instanceID string) news.Article {
	a.Text, a.Description, a.Extraction = "", "", news.ExtractFailed
	a.ExtractionReason = fmt.Sprintf("%s is a page of this newsdesk (%s): its text is not stored, "+
		"as a briefing must not cite a briefing of this desk", shownURL(it.URL), feed.InstanceURNPrefix+instanceID)
	return a
}

// noFeedText ends the reason an article failed when its feed item had no
// text to fall back on.
const noFeedText = "; the feed gives no text either"

// fallback keeps the feed's own content when the page is of no use. A page
// source has no feed, so its reason says nothing of one.
func fallback(a news.Article, it feedItem, reason string, src news.Source) news.Article {
	a.ExtractionReason = reason
	if strings.TrimSpace(it.Content) == "" {
		a.Extraction = news.ExtractFailed
		if src.Kind != news.SourcePage {
			a.ExtractionReason = reason + noFeedText
		}
		return a
	}
	a.Extraction = news.ExtractFeedOnly
	a.Text = it.Content
	a.Lang = detectLang(a.Text, "", src.Lang)
	return a
}

// detectLang trusts the text itself when the detector is confident, then the
// page's declared language, then the source's hint. Like the detector's, the
// answer is a bare language code: a hint of "en-GB" (sources keep BCP 47
// tags) must still compare equal to the desk's "en".
func detectLang(text string, declared, hint string) string {
	if code, conf := lang.Detect(text); code != "" && lang.Reliable(conf) {
		return code
	}
	for _, l := range []string{declared, hint} {
		if code := lang.Primary(l); code != "" {
			return code
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// slowPageError is extractWithin's error for a page the extractor did not
// finish within its timeout: a page that cannot be used. It wraps
// context.DeadlineExceeded.
type slowPageError struct{ timeout time.Duration }

func (e slowPageError) Error() string {
	return "page could not be read within " + news.FormatDuration(e.timeout) + ": extraction stopped"
}

func (slowPageError) Unwrap() error { return context.DeadlineExceeded }

// stoppedError is extractWithin's error for a run ended with its caller's
// context (a stop, Ctrl-C): not the page's fault, whatever the extractor's
// error says. It reads as that error and wraps it.
type stoppedError struct{ err error }

func (e stoppedError) Error() string { return e.err.Error() }
func (e stoppedError) Unwrap() error { return e.err }

// extractWithin runs ex on body under ctx, stopped after timeout if it is
// positive: a page the extractor cannot finish in that time is one that
// cannot be used. It tells the two early ends apart, for readArticle and
// the one-shot path alike: a run ended with ctx is a stoppedError; one
// that outlasted timeout is a slowPageError. Else the error is ex's.
func extractWithin(ctx context.Context, ex extractFunc, timeout time.Duration, body []byte, pageURL string) (extract.Result, error) {
	ectx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		ectx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()
	res, err := ex(ectx, body, pageURL)
	switch {
	case err != nil && ctx.Err() != nil:
		return extract.Result{}, stoppedError{err}
	case errors.Is(err, context.DeadlineExceeded):
		return extract.Result{}, slowPageError{timeout}
	}
	return res, err
}
