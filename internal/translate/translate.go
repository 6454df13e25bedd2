// Package translate defines the pluggable translators that bring articles
// into the desk's language: Noop (no translation), Glossary (an offline
// word-by-word Spanish→English dictionary), HTTP (a LibreTranslate-compatible
// server) and Cached (a bounded LRU in front of any of them).
//
// Translated text is for reading only. Briefings cite the stored original
// bytes, never a translation, so a rough translation cannot put words in a
// source's mouth.
package translate

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/internal/lang"
)

// Translator translates text between languages given as ISO 639-1 codes.
type Translator interface {
	Translate(ctx context.Context, text, from, to string) (string, error)
}

// ErrUnsupported reports a language pair a translator cannot handle.
// Callers typically keep the original text.
var ErrUnsupported = errors.New("language pair not supported")

// Noop translates nothing. It returns text unchanged when from and to are
// the same language (or either is unknown, ""), and an error wrapping
// ErrUnsupported otherwise, so a caller can tell "already in the desk's
// language" from "left untranslated".
type Noop struct{}

// Translate implements Translator.
func (Noop) Translate(ctx context.Context, text, from, to string) (string, error) {
	if from == "" || to == "" || lang.Same(from, to) {
		return text, nil
	}
	return "", fmt.Errorf("translate %s to %s: no translator configured: %w", from, to, ErrUnsupported)
}

// New builds a translator from a configuration string:
//
//	""  or "none"                      Noop
//	"glossary"                         the built-in Spanish→English Glossary
//	"libretranslate:http://host:5000"  HTTP against a LibreTranslate server
//
// Network translators are wrapped in a Cached of DefaultCacheSize entries.
func New(spec string) (Translator, error) {
	return build(spec, false)
}

// CheckSpec reports whether New would accept spec, without building the
// translator, so that a configuration is checked before anything starts.
func CheckSpec(spec string) error {
	_, err := build(spec, true)
	return err
}

// GlossaryTarget is the one language the bundled glossary translates
// into.
const GlossaryTarget = "en"

// CheckTarget reports whether the translator spec names can translate into
// the language to, so that a desk whose language the translator lacks is
// a configuration error at start rather than every foreign article left
// silently untranslated. Only the glossary's target is known offline; a
// LibreTranslate server takes any target it has a model for, which only
// the server can say, so its spec passes here.
func CheckTarget(spec, to string) error {
	if kind, _ := specKind(spec); kind == "glossary" && !lang.Same(to, GlossaryTarget) {
		return fmt.Errorf("translator %q translates Spanish into English only, not into the desk language %q (use libretranslate:URL or no translator): %w", spec, to, ErrUnsupported)
	}
	return nil
}

// specKind splits a translator spec ("libretranslate:URL") into its kind,
// lower case, and its argument.
func specKind(spec string) (kind, arg string) {
	kind, arg, _ = strings.Cut(strings.TrimSpace(spec), ":")
	return strings.ToLower(kind), arg
}

// build is New; with checkOnly it returns a nil translator for a good spec
// rather than load the glossary.
func build(spec string, checkOnly bool) (Translator, error) {
	spec = strings.TrimSpace(spec)
	kind, arg := specKind(spec)
	switch kind {
	case "", "none", "noop":
		return Noop{}, nil
	case "glossary":
		if checkOnly {
			return nil, nil
		}
		return NewGlossary(), nil
	case "libretranslate":
		h, err := NewHTTP(arg)
		if err != nil {
			return nil, err
		}
		return NewCached(h, DefaultCacheSize), nil
	}
	return nil, fmt.Errorf("translator %q: unknown kind %q (want none, glossary or libretranslate:URL)", spec, kind)
}
