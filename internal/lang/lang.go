// Package lang detects the language a text is written in.
package lang

// Detect returns the ISO 639-1 code of text's language and a confidence in
// [0, 1]; "" when it cannot tell.
func Detect(text string) (code string, confidence float64) { return "", 0 }
