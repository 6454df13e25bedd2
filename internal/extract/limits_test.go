package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestManyElementsRefused checks that a page of more than MaxElements
// elements is refused at once rather than extracted in time that grows
// with the square of its paragraphs, and that a long real article's count
// passes.
func TestManyElementsRefused(t *testing.T) {
	t.Parallel()
	page := func(paragraphs int) []byte {
		// html, head, title, body and article are 5 elements.
		return []byte("<html><head><title>T</title></head><body><article>" +
			strings.Repeat("<p>Ferry service resumes after the storm.</p>", paragraphs) + "</article></body></html>")
	}
	tests := []struct {
		name       string
		paragraphs int
		wantErr    bool
	}{
		{"long article", 2000, false},
		{"one past the cap", MaxElements - 4, true},
		{"a million paragraphs", 1_000_000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			res, err := Extract(page(tt.paragraphs), "https://example.com/a")
			if !tt.wantErr {
				if err != nil || !strings.Contains(res.Text, "Ferry service resumes") {
					t.Fatalf("err %v, text %.60q", err, res.Text)
				}
				return
			}
			if want := fmt.Sprintf("page has more than %d elements", MaxElements); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("err %v, want %q", err, want)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("refusing took %v", took)
			}
		})
	}
}

// hostilePage is a page of short paragraphs just under MaxElements, whose
// reading takes seconds of a processor, nearly all in go-trafilatura's
// content pass, which builds a string of every paragraph's text with +=
// once per content selector tried.
func hostilePage() []byte {
	return []byte("<html><head><title>T</title></head><body><article>" +
		strings.Repeat("<p>Ferry service resumes after the storm.</p>", MaxElements-10) + "</article></body></html>")
}

// BenchmarkExtractHostilePage reads hostilePage to its end, for the
// figures docs/extraction.md ("Cancellation") and pipeline.Config's
// ExtractTimeout quote: its time, and with -cpuprofile where it goes.
// Seconds of a processor an iteration: run it with -benchtime 1x.
func BenchmarkExtractHostilePage(b *testing.B) {
	page := hostilePage()
	for b.Loop() {
		if _, err := Extract(page, "https://example.com/a"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHostilePageStopsAtDeadline checks that a page just under MaxElements,
// whose reading keeps a processor busy for seconds (nearly all in
// go-trafilatura's content pass), gives up with the context's error when
// the caller's context ends rather than when the page is read.
func TestHostilePageStopsAtDeadline(t *testing.T) {
	t.Parallel()
	page := hostilePage()
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"ended before", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
		// The page takes 3 s of CPU or more on a quiet machine, so the
		// deadline ends while go-trafilatura reads it.
		{"deadline mid-page", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 500*time.Millisecond)
		}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := tt.ctx()
			defer cancel()
			_, err := ExtractContext(ctx, page, "https://example.com/a")
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
		})
	}
}

// TestPassGivenUp checks what pass does when its context ends before the
// library pass does: it returns at once and leaves the pass running in a
// free slot, and with no slot free it waits for the pass, so that passes
// given up on cannot pile up. A context that ended before pass is called
// never starts the library pass.
func TestPassGivenUp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		endedBefore bool // ctx ends before pass is called
		held        int  // of its one slot, how many passes left running hold
		waitFor     bool // pass must wait for f
	}{
		{"ctx ended before", true, 0, false},
		{"slot free", false, 0, false},
		{"no slot free", false, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := New(Options{})
			e.abandoned = make(chan struct{}, 1)
			for range tt.held {
				e.abandoned <- struct{}{}
			}
			ctx, cancel := context.WithCancel(context.Background())
			if tt.endedBefore {
				cancel()
				ran := false
				err := e.pass(ctx, "https://example.com/a", func() { ran = true })
				if !errors.Is(err, context.Canceled) || ran || len(e.abandoned) != 0 {
					t.Errorf("pass = %v, library pass ran %v, %d slots held; want %v, false, 0", err, ran, len(e.abandoned), context.Canceled)
				}
				return
			}
			started, release := make(chan struct{}), make(chan struct{})
			var finished atomic.Bool
			returned := make(chan error, 1)
			go func() {
				returned <- e.pass(ctx, "https://example.com/a", func() {
					close(started)
					<-release
					finished.Store(true)
				})
			}()
			<-started
			cancel()
			if tt.waitFor {
				select {
				case err := <-returned:
					t.Fatalf("pass returned %v while its library pass ran, with no slot free", err)
				case <-time.After(100 * time.Millisecond):
				}
				close(release)
				if err := <-returned; !errors.Is(err, context.Canceled) || !finished.Load() {
					t.Errorf("pass = %v, library pass finished %v; want %v after it finished", err, finished.Load(), context.Canceled)
				}
				return
			}
			select {
			case err := <-returned:
				if !errors.Is(err, context.Canceled) || finished.Load() {
					t.Errorf("pass = %v, library pass finished %v; want %v before it finished", err, finished.Load(), context.Canceled)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("pass waited for its library pass with a slot free")
			}
			if n := len(e.abandoned); n != 1 {
				t.Errorf("%d slots held while the pass runs on, want 1", n)
			}
			close(release)
			for deadline := time.Now().Add(10 * time.Second); len(e.abandoned) != 0; time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the slot was not freed when the pass ended")
				}
			}
		})
	}
}

// TestCheckElements checks the cap's count both ways: by '<' bytes when
// there are too few for the cap to be passed, and by the tokenizer when
// end tags and '<' in text make more of them than there are start tags.
func TestCheckElements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		page    string
		wantErr bool
	}{
		{"few tags", "<p>one</p><p>two</p>", false},
		{"cap of start tags, more '<' in end tags", strings.Repeat("<p>x</p>", MaxElements), false},
		{"cap of start tags, more '<' in text", strings.Repeat("<br>a < b", MaxElements), false},
		{"one start tag past the cap", strings.Repeat("<p>x</p>", MaxElements+1), true},
		{"self-closing tags past the cap", strings.Repeat("<img/>", MaxElements+1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := checkElements(context.Background(), []byte(tt.page)); (err != nil) != tt.wantErr {
				t.Errorf("err %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
