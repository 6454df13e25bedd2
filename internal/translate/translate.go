// Package translate defines the pluggable translators that bring articles
// into the desk's language.
package translate

import "context"

// Translator translates text between languages given as ISO 639-1 codes.
type Translator interface {
	Translate(ctx context.Context, text, from, to string) (string, error)
}
