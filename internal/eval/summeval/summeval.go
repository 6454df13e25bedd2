// Package summeval implements "newsdesk eval summarize", "eval timeline" and
// "eval background": it scores the briefing's summary and background
// sections, built by package brief's own functions, against human-written
// references, beside baselines run on the same inputs.
//
// ROUGE follows Google's rouge-score package without stemming: lower-case,
// tokens are runs of [a-z0-9], F1 per summary averaged over summaries;
// ROUGE-L is over the whole token sequence (rougeL, not rougeLsum). The
// timeline's AR-N follows tilse's alignment-based ROUGE (align+ m:1).
package summeval
