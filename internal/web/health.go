package web

import (
	"context"
	"io"
	"net/http"
	"time"
)

// ReadyTimeout bounds the store's answer to a readiness probe: a store
// slower than this to answer a ping is not ready to serve pages.
const ReadyTimeout = 2 * time.Second

// handleHealthz is the liveness probe: the process serves HTTP. It does
// not touch the store, so that a database outage makes the server unready
// (handleReadyz), not restarted.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = io.WriteString(w, "ok\n")
}

// readyStatus is the body of GET /readyz.
type readyStatus struct {
	Status string `json:"status"`
}

// handleReadyz is the readiness probe: the store answers a ping within
// ReadyTimeout. Why it did not is logged, never shown: the error may
// name the database's path or host.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.readyTimeout)
	defer cancel()
	if err := s.st.Ping(ctx); err != nil {
		s.log.Warn("readiness: store did not answer", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, readyStatus{Status: "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, readyStatus{Status: "ok"})
}
