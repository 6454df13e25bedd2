package cluster

import "testing"

// TestReserve checks that a reserved ID is never given to a new story or
// thread, and that a lower one does not lower the next ID.
func TestReserve(t *testing.T) {
	t.Parallel()
	docs, _ := loadStream(t)
	tests := []struct {
		name    string
		reserve []int64
		want    int64 // the first new story's ID
	}{
		{"none", nil, 1},
		{"raised", []int64{41}, 42},
		{"never lowered", []int64{41, 7}, 42},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := New(DefaultConfig())
			for _, id := range tt.reserve {
				c.Reserve(id)
			}
			a := c.Add(docs[0])
			if !a.NewStory || a.StoryID != tt.want || a.ThreadID < tt.want {
				t.Errorf("first Add = story %d (new %v), thread %d; want new story %d, thread at least %d",
					a.StoryID, a.NewStory, a.ThreadID, tt.want, tt.want)
			}
		})
	}
}
