package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChooseTitle(t *testing.T) {
	t.Parallel()
	long := "Learn which projects pay back the most when you sell, with expert tips on how to estimate the return of each one and everything else you need to know before you start."
	tests := []struct {
		name, page, want string
	}{
		{
			name: "long h1 is a standfirst",
			page: `<html><head><title>The 10 Best Renovation Projects | Site</title></head><body><h1>` + long + `</h1><p>Text.</p></body></html>`,
			want: "The 10 Best Renovation Projects",
		},
		{
			name: "long h1 without a declared title is kept",
			page: `<html><head></head><body><h1>` + long + `</h1><p>Text.</p></body></html>`,
			want: long,
		},
		{
			name: "truncated JSON-LD headline yields to the whole declared title",
			page: `<html><head><title>Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find Solutions (Including One Trick) - Site</title>` +
				`<script type="application/ld+json">{"@type":"BlogPosting","headline":"Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find Solutions (Including"}</script></head><body><p>Text.</p></body></html>`,
			want: "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find Solutions (Including One Trick)",
		},
		{
			name: "label before the headline in the h1",
			page: `<html><head><title>Best Agencies in 2025 (Ranked) | Silverback</title></head><body><h1>Blog: Best Agencies in 2025 (Ranked)</h1></body></html>`,
			want: "Best Agencies in 2025 (Ranked)",
		},
		{
			name: "date before the headline in the h1",
			page: `<html><head><meta property="og:title" content="Preparing a transition in Debusine"></head><body><h1>Dec 18 2025 Preparing a transition in Debusine</h1></body></html>`,
			want: "Preparing a transition in Debusine",
		},
		{
			name: "other words before the declared title stay",
			page: `<html><head><title>Software Price Guide & Hourly Rates | Site</title></head><body><h1>2025 Software Price Guide & Hourly Rates</h1></body></html>`,
			want: "2025 Software Price Guide & Hourly Rates",
		},
		{
			name: "short section label gives way to the declared headline",
			page: `<html><head><title>Private VPN Service Recommendations and Comparison, No Sponsors | Site</title></head><body><h1>VPN Services</h1></body></html>`,
			want: "Private VPN Service Recommendations and Comparison, No Sponsors",
		},
		{
			name: "short h1 that opens the declared title is the headline",
			page: `<html><head><title>Climate Change | Economic Research Service</title></head><body><h1>Climate Change</h1></body></html>`,
			want: "Climate Change",
		},
		{
			name: "h1 with characters lost to encoding",
			page: `<html><head><meta property="og:title" content="Event Planning: A Beginner’s Guide"></head><body><h1>Event Planning? A Beginner?s Guide</h1></body></html>`,
			want: "Event Planning: A Beginner’s Guide",
		},
		{
			name: "h1 with an apostrophe and letter lost to one '?'",
			page: `<html><head><meta property="og:title" content="Event Planning: Beginner's Guide"></head><body><h1>Event Planning? Beginner? Guide</h1></body></html>`,
			want: "Event Planning: Beginner's Guide",
		},
		{
			name: "question mark where the declared title has a colon is wording",
			page: `<html><head><meta property="og:title" content="What is SEO: A guide for shops"></head><body><h1>What is SEO? A guide for shops</h1></body></html>`,
			want: "What is SEO? A guide for shops",
		},
		{
			name: "lower-case h1 takes the declared capitalisation",
			page: `<html><head><title>History of coffee | Origin, Spread, Facts | Britannica</title></head><body><h1>history of coffee</h1></body></html>`,
			want: "History of coffee",
		},
		{
			name: "site name after the headline in the h1",
			page: `<html><head><meta property="og:site_name" content="Artlyst"><title>Critics’ Choice: Best Exhibitions 2025 – Artlyst - Artlyst</title></head><body><h1>Critics’ Choice: Best Exhibitions 2025 – Artlyst</h1></body></html>`,
			want: "Critics’ Choice: Best Exhibitions 2025",
		},
		{
			name: "sentence-case h1 takes the declared title case",
			page: `<html><head><title>How Much Should I Pay For Cleaning in San Diego? | Site</title></head><body><h1>How much should I pay for cleaning in San Diego?</h1></body></html>`,
			want: "How Much Should I Pay For Cleaning in San Diego?",
		},
		{
			name: "every word capitalised is a template's, not followed",
			page: `<html><head><title>The Ultimate Guide To USA Wine | Site</title></head><body><h1>The ultimate guide to USA wine</h1></body></html>`,
			want: "The ultimate guide to USA wine",
		},
		{
			name: "one capital more is a style choice",
			page: `<html><head><title>Video Review And Approval Process | Site</title></head><body><h1>Video Review and Approval Process</h1></body></html>`,
			want: "Video Review and Approval Process",
		},
		{
			name: "all-capitals h1 near the declared title",
			page: `<html><head><title>Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros</title></head><body><h1>BEST DRIP COFFEE MAKER IN 2026: BUYING TIPS FROM COFFEE PROS</h1></body></html>`,
			want: "Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros",
		},
		{
			name: "full-width punctuation in a Latin title",
			page: `<html><head><title>How Does Robot Vacuum Mapping Work？</title></head><body><h1>How Does Robot Vacuum Mapping Work？</h1></body></html>`,
			want: "How Does Robot Vacuum Mapping Work?",
		},
		{
			name: "full-width punctuation in a Japanese title stays",
			page: `<html><head><title>地図はどう作る？</title></head><body><h1>地図はどう作る？</h1></body></html>`,
			want: "地図はどう作る？",
		},
		{
			name: "short name before a pipe and a headline",
			page: `<html><head><title>The Agency | ML (Machine Learning) at Georgia Tech</title></head><body><p>Text.</p></body></html>`,
			want: "ML (Machine Learning) at Georgia Tech",
		},
		{
			name: "short label before a pipe and a short headline stays",
			page: `<html><head><title>Opinion | Why it matters</title></head><body><p>Text.</p></body></html>`,
			want: "Opinion | Why it matters",
		},
		{
			name: "short head before a dash stays",
			page: `<html><head><title>Part 1 - The start of a long journey</title></head><body><p>Text.</p></body></html>`,
			want: "Part 1 - The start of a long journey",
		},
		{
			name: "teaser heading after the article is passed over",
			page: `<html><head><title>Where to Bike in Houston | Site</title><meta property="og:title" content="Our Favorite Biking Spots in Houston"></head><body><main>` +
				`<article><header><h1>The Best Trails and Neighborhoods in Houston for Biking</h1></header><p>Text.</p></article>` +
				`<div class="end-of-article"><h1>Next in Your Guide to Being Outside in Houston</h1></div></main></body></html>`,
			want: "The Best Trails and Neighborhoods in Houston for Biking",
		},
		{
			name: "headline above its article still wins over one inside it",
			page: `<html><head><meta property="og:title" content="A Complete Guide to Furniture Styles"></head><body>` +
				`<div class="heading"><h1>A Complete Guide to Furniture Styles</h1></div><article><h1>A Guide to Popular Styles</h1><p>Text.</p></article></body></html>`,
			want: "A Complete Guide to Furniture Styles",
		},
		{
			name: "all-capitals h1 with the declared words in another order",
			page: `<html><head><meta property="og:title" content="Marathon Beginner Plan"></head><body><h1>BEGINNER MARATHON PLAN</h1></body></html>`,
			want: "Beginner Marathon Plan",
		},
		{
			name: "all-capitals h1 with other words is not recased word by word",
			page: `<html><head><meta property="og:title" content="Marathon Plan for Beginners"></head><body><h1>BEGINNER MARATHON PLAN</h1></body></html>`,
			want: "BEGINNER MARATHON PLAN",
		},
		{
			name: "headline and subtitle elements take the declared separator",
			page: `<html><head><meta property="og:title" content="What Tutoring is not. - Choosing a good tutor"></head><body>` +
				`<h1><span class="primary">What Tutoring is not.</span> <span class="subtitle">Choosing a good tutor</span></h1></body></html>`,
			want: "What Tutoring is not. - Choosing a good tutor",
		},
		{
			name: "one-piece h1 keeps its own wording",
			page: `<html><head><meta property="og:title" content="What Tutoring is not. - Choosing a good tutor"></head><body>` +
				`<h1>What Tutoring is not. Choosing a good tutor</h1></body></html>`,
			want: "What Tutoring is not. Choosing a good tutor",
		},
		{
			name: "h1 that the document title files the declared headline under is the blog's name",
			page: `<html><head><title>Lessons Learned: The lean startup</title><meta property="og:title" content="The lean startup"></head><body><h1>Lessons Learned</h1><p>Text.</p></body></html>`,
			want: "The lean startup",
		},
		{
			name: "a declared title that is the site's name leaves the h1 the headline",
			page: `<html><head><title>Which mower suits which lawn? | Robomow</title><meta property="og:title" content="Robomow"><meta property="og:site_name" content="Robomow"></head><body><h1>Which mower suits which lawn?</h1></body></html>`,
			want: "Which mower suits which lawn?",
		},
		{
			name: "an aggregator's source host and comment count after the headline are cut",
			page: `<html><head><title>Grads Find Their Degrees No Longer Guarantee Jobs - Aggregator</title></head><body><h1><span><a href="/story/1">Grads Find Their Degrees No Longer Guarantee Jobs</a> <span><a href="https://news.example.org/x">(news.example.org)</a></span></span> <span><a href="#c">87</a></span></h1><p>Text.</p></body></html>`,
			want: "Grads Find Their Degrees No Longer Guarantee Jobs",
		},
		{
			name: "a parenthesised aside that is not a host stays in the headline",
			page: `<html><head><title>A Treatise on Coffee | Archive</title></head><body><h1>A Treatise on Coffee (1792)</h1><p>Text.</p></body></html>`,
			want: "A Treatise on Coffee (1792)",
		},
		{
			name: "a heading above a pull-quote h1 that is the declared headline is the title",
			page: `<html><head><title>What do people love about Rust? | Rust Blog</title></head><body><h2>What do people love about Rust?</h2><p>Text.</p><h1>But what they love is the sense of empowerment</h1><p>More.</p></body></html>`,
			want: "What do people love about Rust?",
		},
		{
			name: "a heading above a promotion h1 that is a later declared title is the title",
			page: `<html><head><title>How the cloud runs inference at scale - Wire</title><meta property="og:title" content="How the cloud runs inference at scale - Wire"><meta name="twitter:title" content="How the cloud is shaping the inference moment"></head>` +
				`<body><h2>How the cloud is shaping the inference moment</h2><p>Text.</p><h1>A message from Jo Roe, co-founder of Wire:</h1><p>More.</p></body></html>`,
			want: "How the cloud is shaping the inference moment",
		},
		{
			name: "without an h1 to take, a heading marked itemprop=headline is the title",
			page: `<html><head><title>A journal of a woodworking beginner - Jo's Blog</title><meta property="og:title" content="Introductions to my woodworking projects"></head>` +
				`<body><h1><a href="/">Jo's Blog</a></h1><article><h2 class="entry-title" itemprop="headline">About Jo's beginner woodworking journal</h2><p>Text.</p></article></body></html>`,
			want: "About Jo's beginner woodworking journal",
		},
		{
			name: "a marked headline sharing few words with the declared titles is a teaser card's",
			page: `<html><head><title>A journal of a woodworking beginner - Jo's Blog</title><meta property="og:title" content="Introductions to my woodworking projects"></head>` +
				`<body><h1><a href="/">Jo's Blog</a></h1><aside><h3 itemprop="headline">Ten knives for summer kitchens</h3></aside><p>Text.</p></body></html>`,
			want: "Introductions to my woodworking projects",
		},
		{
			name: "a teaser card's marked headline before the article's own does not hide it",
			page: `<html><head><title>A journal of a woodworking beginner - Jo's Blog</title><meta property="og:title" content="Introductions to my woodworking projects"></head>` +
				`<body><h1><a href="/">Jo's Blog</a></h1><aside><h3 itemprop="headline">Ten knives for summer kitchens</h3></aside>` +
				`<article><h2 class="entry-title" itemprop="headline">About Jo's beginner woodworking journal</h2><p>Text.</p></article></body></html>`,
			want: "About Jo's beginner woodworking journal",
		},
		{
			name: "the declared headline as a heading after the h1 leaves the h1",
			page: `<html><head><title>What do people love about Rust? | Rust Blog</title></head><body><h1>But what they love is the sense of empowerment</h1><h2>What do people love about Rust?</h2><p>Text.</p></body></html>`,
			want: "But what they love is the sense of empowerment",
		},
		{
			name: "an h1 that agrees with the declared title stays under a heading that is the declared headline",
			page: `<html><head><title>Harbour bridge reopens | Site</title></head><body><h2>Harbour bridge reopens</h2><h1>Harbour bridge reopens after repairs</h1><p>Text.</p></body></html>`,
			want: "Harbour bridge reopens after repairs",
		},
		{
			name: "headline-length h1 wins",
			page: `<html><head><title>Bridge reopens | Site</title></head><body><h1>Harbour bridge reopens after repairs</h1></body></html>`,
			want: "Harbour bridge reopens after repairs",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parseHTML(t, tt.page)
			if got := collectMeta(doc).chooseTitle("example.com"); got != tt.want {
				t.Errorf("chooseTitle() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAnnotatesHeadline(t *testing.T) {
	t.Parallel()
	const dt = "Grads Find Their Degrees No Longer Guarantee Jobs"
	tests := []struct {
		name, h1, dt string
		want         bool
	}{
		{"host and count", dt + " (latimes.com) 87", dt, true},
		{"host alone", dt + " (bbc.co.uk)", dt, true},
		{"host in spaced parentheses", dt + " ( latimes.com )", dt, true},
		{"a year is not a host", dt + " (2025)", dt, false},
		{"a version is not a host", dt + " (v2.0)", dt, false},
		{"an abbreviation is not a host", dt + " (U.S.)", dt, false},
		{"words after the host", dt + " (latimes.com) and more", dt, false},
		{"the declared title is not the start", "Why " + dt + " (latimes.com)", dt, false},
		{"a one-word declared title", "Jobs (latimes.com)", "Jobs", false},
		{"the h1 is the declared title", dt, dt, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, annotatesHeadline(tc.h1, tc.dt)); diff != "" {
				t.Errorf("annotatesHeadline(%q, %q) (-want +got):\n%s", tc.h1, tc.dt, diff)
			}
		})
	}
}

func TestCutHeadingSection(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"a one-word section", "How meditation rewires brains | Opinion", "How meditation rewires brains"},
		{"a three-word tail", "Best Residential Movers in NYC 2025 | Top 19 Companies", "Best Residential Movers in NYC 2025"},
		{"a four-word tail", "12 Must-Have Data Analysis Tools | Python, SQL & AI", "12 Must-Have Data Analysis Tools"},
		{"two tails", "How to help toddlers sleep | Patient Education | Children's Hospital", "How to help toddlers sleep"},
		{
			"a tail of five words or more is the headline's second clause",
			"Top 10 Digital Cameras Under $2500 | The Best Mirrorless Cameras on the Market",
			"Top 10 Digital Cameras Under $2500 | The Best Mirrorless Cameras on the Market",
		},
		{"a head under three words stays whole", "Climate Change | Economic Research Service", "Climate Change | Economic Research Service"},
		{"no pipe", "Harbour bridge reopens", "Harbour bridge reopens"},
		// The tail is measured from the pipe itself, not from the trimmed
		// head's length: leading or doubled spaces must not pull the pipe
		// into the tail as a fifth "word".
		{"leading spaces before a four-word tail", "  Ten Good Cameras | Best Cameras On Sale", "Ten Good Cameras"},
		{"spaces before the pipe and a four-word tail", "Ten Good Cameras   | Best Cameras On Sale", "Ten Good Cameras"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, cutHeadingSection(tc.in)); diff != "" {
				t.Errorf("cutHeadingSection(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestRepairMojibake(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"A DIY Investor\u00e2\u0080\u0099s Guide", "A DIY Investor’s Guide"},
		{"Caf\u00e9 culture", "Café culture"},      // Latin-1 text without C1 controls is real text
		{"Bad \u0080 alone", "Bad \u0080 alone"},   // not valid UTF-8 once re-encoded
		{"Investor’s \u0080", "Investor’s \u0080"}, // runes beyond Latin-1: not mojibake
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, repairMojibake(tc.in)); diff != "" {
			t.Errorf("repairMojibake(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}
