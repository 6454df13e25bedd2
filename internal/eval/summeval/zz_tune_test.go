package summeval

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/newsdesk/newsdesk/internal/brief"
)

func TestZZTune(t *testing.T) {
	if os.Getenv("H5T") == "" {
		t.Skip()
	}
	cs, _ := ReadNeuS("../../../../shared/data/summarize/neus", "train")
	cs = cs[:900]
	w := []float64{0.38, 0.531, -0.723, -0.515, 1.574, 0.317, 0.202, -0.026, 0.102, -0.041, -0.345, 0.029, 0, -0.2, 0, 22.5}
	eval := func(w []float64) float64 {
		r, _ := Summarize(context.Background(), cs, brief.SummaryOptions{Weights: w[:15], Salience: w[15]})
		return r.R1 + r.R2
	}
	best := eval(w)
	fmt.Println("start", best)
	steps := []float64{0.4, 0.15}
	for _, st := range steps {
		improved := true
		for improved {
			improved = false
			for k := 1; k < len(w); k++ {
				for _, sg := range []float64{1, -1} {
					v := append([]float64(nil), w...)
					if k == 15 {
						v[k] *= 1 + sg*st
					} else {
						v[k] += sg * st
					}
					if s := eval(v); s > best+1e-4 {
						best, w, improved = s, v, true
						fmt.Printf("%.4f %v\n", best, w)
					}
				}
			}
		}
	}
	fmt.Printf("final %.4f %#v\n", best, w)
}
