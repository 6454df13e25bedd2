package sqlite_test

import "github.com/newsdesk/newsdesk/internal/news"

func newsArticle(url string) news.Article {
	return news.Article{URL: url, Title: "t", Text: "body", Extraction: news.ExtractFull}
}
