package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/verify"
)

// Batches of lines are what the pipeline hands out: large enough that
// handing them out costs little next to checking them, small enough that
// the batches in flight hold little memory.
const (
	batchLines = 256
	batchBytes = 256 << 10
)

// A batch is a run of consecutive input lines and, once checked, their
// answers formatted in order.
type batch struct {
	lines   []inputLine
	out     []byte
	alarm   bool
	err     error
	checked chan struct{}
}

type inputLine struct {
	text    string
	tooLong bool
}

// batches recycles the batches written, with their buffers.
var batches = sync.Pool{New: func() any { return new(batch) }}

func newBatch() *batch {
	b := batches.Get().(*batch)
	b.lines, b.out, b.alarm, b.err = b.lines[:0], b.out[:0], false, nil
	b.checked = make(chan struct{})
	return b
}

// lines checks stdin one line at a time, on every CPU, and writes the
// answers in input order. A reader cuts the input into batches, workers
// check them, and the writer (this goroutine) writes each batch when it and
// all before it are checked. At most twice as many batches as workers are
// in flight, so memory stays bounded however long the input. A batch is
// also cut, and the output flushed, whenever the input has nothing more
// waiting, so an interactive or slow producer sees each answer at once
// while a file is written in large blocks.
func (w *answerWriter) lines(c *verify.Checker, kind dispatch.Kind, stdin io.Reader) error {
	workers := runtime.GOMAXPROCS(0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	todo := make(chan *batch, workers)
	inOrder := make(chan *batch, 2*workers)
	readErr := make(chan error, 1)
	go func() {
		readErr <- readBatches(ctx, stdin, todo, inOrder)
		close(todo)
		close(inOrder)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range todo {
				w.checkBatch(ctx, c, kind, b)
				close(b.checked)
			}
		}()
	}
	var err error
	for b := range inOrder {
		<-b.checked
		if err != nil {
			continue // draining after an error
		}
		if err = b.err; err == nil {
			w.alarm = w.alarm || b.alarm
			w.out.Write(b.out)
			clear(b.lines) // the strings can go
			batches.Put(b)
			if len(inOrder) == 0 {
				// Nothing more is ready: the producer may be waiting
				// for these answers.
				if ferr := w.out.Flush(); ferr != nil {
					err = fmt.Errorf("writing output: %w", ferr)
				}
			}
		}
		if err != nil {
			cancel()
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return <-readErr
}

// readBatches reads lines into batches and sends each to both channels,
// inOrder first, until the input ends or ctx is done.
func readBatches(ctx context.Context, stdin io.Reader, todo, inOrder chan<- *batch) error {
	in := bufio.NewReaderSize(stdin, 64<<10)
	b := newBatch()
	size := 0
	send := func() bool {
		if len(b.lines) == 0 {
			return true
		}
		for _, ch := range []chan<- *batch{inOrder, todo} {
			select {
			case ch <- b:
			case <-ctx.Done():
				return false
			}
		}
		b, size = newBatch(), 0
		return true
	}
	for {
		line, tooLong, err := readLine(in)
		if len(line) > 0 || tooLong {
			text := strings.TrimSuffix(string(line), "\r")
			if tooLong || strings.TrimSpace(text) != "" {
				b.lines = append(b.lines, inputLine{text, tooLong})
				size += len(text)
			}
		}
		if err != nil {
			if !send() {
				return nil
			}
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("reading input: %w", err)
		}
		if len(b.lines) >= batchLines || size >= batchBytes || in.Buffered() == 0 {
			if !send() {
				return nil
			}
		}
	}
}

// checkBatch checks the lines of b and formats their answers.
func (w *answerWriter) checkBatch(ctx context.Context, c *verify.Checker, kind dispatch.Kind, b *batch) {
	if ctx.Err() != nil {
		return // the writer has stopped
	}
	for _, l := range b.lines {
		var res dispatch.Result
		if l.tooLong {
			res = tooLong(kind, l.text)
		} else {
			var err error
			if res, err = dispatch.Check(ctx, c, lineInput(kind, l.text)); err != nil {
				b.err = err
				return
			}
		}
		b.alarm = b.alarm || res.Status.Alarming()
		if b.out, b.err = w.format(b.out, res); b.err != nil {
			return
		}
	}
}
