//go:build race

package uts39

// raceEnabled is set under the race detector, which makes sync.Pool drop a
// share of what it is given on purpose.
const raceEnabled = true
