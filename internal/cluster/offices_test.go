package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestOffices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, title, text string
		want              []string
	}{
		{"a qualified secretary", "", "Interior Secretary Dirk Kempthorne called the move a clarification.",
			[]string{"interior secretary|dirk kempthorne"}},
		{"a middle initial, a post of a place", "", "Secretary of State Hillary Clinton met Foreign Minister Sergei V. Lavrov.",
			[]string{"foreign minister|sergei v. lavrov", "secretary of state|hillary clinton"}},
		{"a bare post is any of many", "", "The Secretary Dirk Kempthorne spoke; Minister Ken Salazar did not.", nil},
		{"a sentence's first word is no qualifier", "", "When Secretary Ken Salazar spoke. But Minister Tony Blair and Then Secretary John Hay.", nil},
		{"a post of which there are many", "", "Permanent Secretary Tom Scholar and Cabinet Secretary Jeremy Heywood met General Secretary Brendan Barber.", nil},
		{"a nationality keys the post", "", "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi and Foreign Minister Taro Aso.",
			[]string{"chinese foreign minister|wang yi", "foreign minister|taro aso", "russian foreign minister|sergei lavrov"}},
		{"a post of each region", "", "First Minister Alex Salmond and Chief Minister Nitish Kumar spoke.", nil},
		{"a past holder of a country", "", "Former British Prime Minister Tony Blair spoke.", nil},
		{"a past holder", "", "Former Interior Secretary Gale Norton and former Prime Minister Tony Blair, then-Defense Secretary Robert Gates.", nil},
		{"a second", "", "Deputy Prime Minister Nick Clegg and shadow Foreign Secretary Douglas Alexander spoke.", nil},
		{"an assistant, capitalised", "", "Assistant Secretary of State Victoria Nuland said.", nil},
		{"an assistant, lower case", "", "The assistant Secretary of State Victoria Nuland said.", nil},
		{"a title-case headline is not read", "Greek Prime Minister Calls Bank Deaths Murder",
			"Greek Prime Minister Calls Bank Deaths Murder Prime Minister George Papandreou spoke.",
			[]string{"prime minister|george papandreou"}},
		{"a double surname", "", "Prime Minister Jose Luis Rodriguez Zapatero said.",
			[]string{"prime minister|jose luis rodriguez zapatero"}},
		{"repeats once", "", "Interior Secretary Ken Salazar said. Interior Secretary Ken Salazar added.",
			[]string{"interior secretary|ken salazar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, offices(tt.title, tt.text)); diff != "" {
				t.Errorf("offices (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOtherHolder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b []string
		want bool
	}{
		{"two holders of one post", []string{"interior secretary|dirk kempthorne"}, []string{"interior secretary|ken salazar"}, true},
		{"one holder, written two ways", []string{"interior secretary|dirk a. kempthorne"}, []string{"interior secretary|dirk kempthorne"}, false},
		{"no post in common", []string{"interior secretary|dirk kempthorne"}, []string{"commerce secretary|gary locke"}, false},
		{"a side names two holders", []string{"health minister|tony ryall"}, []string{"health minister|jose angel", "health minister|oscar ugarte"}, false},
		{"another post agrees", []string{"defense secretary|james mattis", "secretary of state|mike pompeo"},
			[]string{"defense secretary|jim mattis", "secretary of state|rex tillerson"}, false},
		{"a double surname, written whole and cut", []string{"prime minister|jose luis rodriguez zapatero"},
			[]string{"prime minister|rodriguez zapatero"}, false},
		{"two holders read on one weekday", []string{"secretary of state|hillary clinton monday"},
			[]string{"secretary of state|condoleezza rice monday"}, true},
		{"one side names none", nil, []string{"interior secretary|ken salazar"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := otherHolder(tt.a, tt.b); got != tt.want {
				t.Errorf("otherHolder(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestOtherHolderAllocs checks that otherHolder, run for every candidate
// story of an undated article, allocates nothing. Not parallel:
// AllocsPerRun counts the whole process's allocations.
func TestOtherHolderAllocs(t *testing.T) {
	a := []string{"interior secretary|dirk a. kempthorne", "prime minister|gordon brown"}
	b := []string{"interior secretary|ken salazar", "prime minister|gordon brown", "secretary of state|hillary clinton"}
	if n := testing.AllocsPerRun(100, func() { otherHolder(a, b) }); n != 0 {
		t.Errorf("otherHolder: %v allocations a run, want 0", n)
	}
}

// TestOfficeConflict checks that OfficeConflict discounts an undated
// report naming another holder of a post the story names (a rule's making
// under one Interior Secretary against the story of its reversal under
// the next), and not a dated report or one naming the story's holder.
// Each row's score is measured against the rule off (OfficeConflict 0),
// so no row sets it off: its share kept would be 1 by construction.
func TestOfficeConflict(t *testing.T) {
	t.Parallel()
	day := time.Date(2009, 4, 28, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		holder string
		dated  bool
		k      float64
		wantBy float64
	}{
		{"another holder of the post", "Dirk Kempthorne", false, 0.7, 0.3},
		{"the story's holder", "Ken Salazar", false, 0.7, 1},
		{"a dated report", "Dirk Kempthorne", true, 0.7, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := officeReport(3, tt.holder)
			if tt.dated {
				d.Time = day.Add(2 * time.Hour)
			}
			score := func(k float64) float64 {
				cfg := DefaultConfig()
				cfg.OfficeConflict = k
				return bestScore(t, cfg, officeStory(day), d)
			}
			if diff := cmp.Diff(tt.wantBy, keptShare(t, score(tt.k), score(0))); diff != "" {
				t.Errorf("share of the score kept (-want +got):\n%s", diff)
			}
		})
	}
}

// officeStory is a story of a rule's reversal, two reports from day on
// naming the Interior Secretary, Ken Salazar; IDs 1 and 2.
func officeStory(day time.Time) []Doc {
	return []Doc{
		{ID: 1, Title: "Obama Reverses Bush on Species Protection Measure", Time: day,
			Text: "Obama Reverses Bush on Species Protection Measure. President Obama is restoring a requirement that " +
				"federal agencies consult wildlife scientists under the Endangered Species Act. Interior Secretary " +
				"Ken Salazar said the Bush rule had cut science out of the process."},
		{ID: 2, Title: "Endangered Species Act consultations restored", Time: day.Add(time.Hour),
			Text: "Endangered Species Act consultations restored. Interior Secretary Ken Salazar revoked the Bush-era " +
				"rule that let agencies skip consulting Fish and Wildlife Service scientists."},
	}
}

// officeReport is an undated report of the rule's making, naming holder
// as the Interior Secretary.
func officeReport(id int64, holder string) Doc {
	return Doc{ID: id, Title: "Bush administration loosens endangered species rule",
		Text: "Bush administration loosens endangered species rule. The Bush administration loosened protection of " +
			"endangered species under the Endangered Species Act. Federal agencies need no longer consult Fish and " +
			"Wildlife Service scientists, Interior Secretary " + holder + " said. Obama says he intends to reverse the rule."}
}

// TestPostMatches checks that the windows about each post find what the
// regexp finds over the whole text: posts close together, at either end,
// beside a multi-byte character, a match whose post sits near the end of
// an earlier post's window, and one match holding two post words.
func TestPostMatches(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("The talks went on all day and into the night. ", 3)
	tests := []struct{ name, body string }{
		{"empty", ""},
		{"no post", "No post is named here."},
		{"one post", "Interior Secretary Dirk Kempthorne said so."},
		{"a middle initial at the end", "Said by Interior Secretary Dirk A. Kempthorne"},
		{"posts close together", "Prime Minister Gordon Brown met Foreign Minister Sergei Lavrov and Secretary of State Hillary Clinton."},
		{"a post near an earlier window's end", "Prime Minister Gordon Brown spoke. " + long[:76] + " Defence Secretary John Hutton agreed."},
		{"beside multi-byte characters", "éInterior Secretary Dirk Kempthorne and «Prime Minister Gordon Brown»"},
		{"posts far apart", long + "Health Minister Ana Ramos " + long + "Labour Minister Carlos Ruiz"},
		{"posts of a place", "the Minister of Health Ana Ramos, Minister of Labour Carlos Ruiz"},
		{"two post words in one match", "Prime Minister Foreign Secretary Jack Straw said."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := officeHolder.FindAllStringSubmatchIndex(tt.body, -1)
			if diff := cmp.Diff(want, postMatches(tt.body), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("postMatches(%q) (-whole text +windows):\n%s", tt.body, diff)
			}
		})
	}
}

// BenchmarkOffices measures reading an article's posts (ns/op is per
// article): over a few built-in texts, most of which name no post, as
// most articles do, and over the first 2,000 texts of ECB+ and
// gva-stream when the shared data is present.
//
//	go test -run '^$' -bench Offices ./internal/cluster
func BenchmarkOffices(b *testing.B) {
	long := strings.Repeat("The talks went on all day and into the night, officials said. ", 20)
	sets := []struct {
		name string
		docs func(b *testing.B) []Doc
	}{
		{"built-in", func(*testing.B) []Doc {
			docs := append(officeStory(time.Time{}), officeReport(3, "Dirk Kempthorne"))
			for i, text := range []string{
				long,
				long + "Prime Minister Jose Luis Rodriguez Zapatero met Foreign Secretary David Miliband. " + long,
				"Storm Hits Coast. " + long + long,
			} {
				docs = append(docs, Doc{ID: int64(4 + i), Text: text})
			}
			return docs
		}},
		{"ecbplus-dev", func(b *testing.B) []Doc {
			return loadJSONL(b, "../../../shared/data/cluster/ecbplus-dev.jsonl", 2000)
		}},
		{"gva-stream", func(b *testing.B) []Doc {
			return loadJSONL(b, "../../../shared/data/cluster/gva-stream-2013-2015.jsonl", 2000)
		}},
	}
	for _, set := range sets {
		b.Run(set.name, func(b *testing.B) {
			docs := set.docs(b)
			b.ResetTimer()
			for i := range b.N {
				d := docs[i%len(docs)]
				offices(d.Title, d.Text)
			}
		})
	}
}
