package brief

import "github.com/newsdesk/newsdesk/internal/eval/neus"

// The summary model's cross-validation (summary_cv_test.go) lives in
// package brief_test because it scores with summeval's ROUGE, and summeval
// imports brief. These give it the training's own fitting code.

// SummaryModel is a fitted summary model.
type SummaryModel = summaryModel

// SummaryFitSettings are the training's settings (see fitSettings).
type SummaryFitSettings = fitSettings

// TrainSummarySettings are the settings summary_model.json is fitted at.
var TrainSummarySettings = trainSettings

// EmbeddedSummaryModel is summary_model.json, the model Summarize uses.
func EmbeddedSummaryModel() SummaryModel { return defaultSummaryModel }

// SummaryStories are stories with their candidate sentences and features
// computed once, to fit and score models on any part of them.
type SummaryStories struct {
	ps []prepared
	o  SummaryOptions
}

// PrepareSummaryStories prepares stories at the default options.
func PrepareSummaryStories(stories []neus.Story) SummaryStories {
	o := SummaryOptions{}.withDefaults()
	return SummaryStories{ps: prepare(stories, o), o: o}
}

// Filter keeps the stories whose index keep accepts.
func (s SummaryStories) Filter(keep func(i int) bool) SummaryStories {
	out := SummaryStories{o: s.o}
	for i, p := range s.ps {
		if keep(i) {
			out.ps = append(out.ps, p)
		}
	}
	return out
}

// Fit fits both models on the stories as TestTrainSummaryModel does.
func (s SummaryStories) Fit(set SummaryFitSettings) SummaryModel { return fitSummary(s.ps, s.o, set) }

// Summaries are the summaries model m writes, one per story.
func (s SummaryStories) Summaries(m SummaryModel) []string {
	out := make([]string, len(s.ps))
	for i, p := range s.ps {
		out[i] = summaryText(p, s.o, m)
	}
	return out
}

// SubsetFeatureNames names the subset model's features.
func SubsetFeatureNames() []string { return subsetFeatureNames }
