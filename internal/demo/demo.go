// Package demo bundles a fictional news corpus and the local newswire that
// serves it over real HTTP, so newsdesk can be tried with no internet.
package demo
