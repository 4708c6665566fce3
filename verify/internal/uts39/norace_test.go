//go:build !race

package uts39

const raceEnabled = false
