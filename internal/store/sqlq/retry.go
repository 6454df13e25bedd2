package sqlq

import (
	"time"

	"github.com/newsdesk/newsdesk/internal/news"
)

// RetrySource is the statement that makes source id due at now (see
// store.SourceRetrier) and its arguments.
func RetrySource(id int64, now time.Time) (string, Args) {
	var a Args
	q := `UPDATE sources SET next_poll_at = ` + a.Add(now.UnixNano()) + `, last_error = '', error_count = 0,
		status = CASE WHEN kind = ` + a.Add(news.SourcePage) + ` AND status = ` + a.Add(news.StatusError) + `
			THEN ` + a.Add(news.StatusNew) + ` ELSE status END
		WHERE id = ` + a.Add(id)
	return q, a
}
