package brief

import (
	"github.com/newsdesk/newsdesk/internal/news"
	"github.com/newsdesk/newsdesk/internal/text"
)

// englishVoices is the voices section of articles as an English desk's
// Build makes it.
func englishVoices(articles []news.Article, sources map[int64]news.Source, n int) []news.Item {
	langs := articleLangs(articles)
	return voices(articles, articleQuotes(articles), deskArticles(articles, langs, "en"), langs, sources, n)
}

// allFacts is the key facts of articles preferring no language, with the
// summary's default sentence scores.
func allFacts(articles []news.Article, sources map[int64]news.Source, n int, skip map[news.Citation]bool) []news.Item {
	return allFactsWith(articles, sources, n, skip, text.FigureOptions{})
}

// allFactsWith is allFacts with figures read with fo.
func allFactsWith(articles []news.Article, sources map[int64]news.Source, n int, skip map[news.Citation]bool, fo text.FigureOptions) []news.Item {
	return facts(articles, articleLangs(articles), articleQuotes(articles), sources, n, skip, newScored(articles, SummaryOptions{}.withDefaults()), nil, fo)
}
