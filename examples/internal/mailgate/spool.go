package mailgate

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// A Spool keeps the first bytes written to it, up to a limit: in memory up
// to a threshold, then in a temporary file. Bytes past the limit are
// counted and dropped, so a message of any size costs at most the limit on
// disk and the threshold in memory. The file is unlinked as soon as it is
// created where the system allows it, so nothing is left behind, even by a
// crash.
//
// A Spool is not safe for concurrent use; Reader may be called once
// writing is over, as many times as needed.
type Spool struct {
	limit  int64
	maxMem int
	dir    string
	mem    []byte
	file   *os.File
	name   string // the file's name when it could not be unlinked at once
	kept   int64
	total  int64
	err    error
}

// NewSpool returns a Spool that keeps up to limit bytes, the first maxMem
// of them in memory, the rest in a file in dir (os.TempDir() when empty).
func NewSpool(limit int64, maxMem int, dir string) *Spool {
	return &Spool{limit: limit, maxMem: maxMem, dir: dir}
}

// Write keeps what fits under the limit and reports the rest as written.
// The only error is a failure of the temporary file, which is then also
// returned by Err.
func (s *Spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.total += int64(len(p))
	keep := p
	if room := s.limit - s.kept; int64(len(keep)) > room {
		keep = keep[:max(room, 0)]
	}
	if len(keep) == 0 {
		return len(p), nil
	}
	if s.file == nil && len(s.mem)+len(keep) <= s.maxMem {
		s.mem = append(s.mem, keep...)
		s.kept += int64(len(keep))
		return len(p), nil
	}
	if s.file == nil {
		if err := s.spill(); err != nil {
			s.err = err
			return 0, err
		}
	}
	if _, err := s.file.Write(keep); err != nil {
		s.err = fmt.Errorf("spool: %w", err)
		return 0, s.err
	}
	s.kept += int64(len(keep))
	return len(p), nil
}

func (s *Spool) spill() error {
	f, err := os.CreateTemp(s.dir, "vigie-spool-*")
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	s.file = f
	if _, err := f.Write(s.mem); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	s.mem = nil
	return nil
}

// Err returns the first write error.
func (s *Spool) Err() error { return s.err }

// Len is the number of bytes kept.
func (s *Spool) Len() int64 { return s.kept }

// Total is the number of bytes written, kept or not.
func (s *Spool) Total() int64 { return s.total }

// Truncated reports whether bytes were written past the limit.
func (s *Spool) Truncated() bool { return s.total > s.kept }

// Reader reads the kept bytes from the start.
func (s *Spool) Reader() io.Reader {
	if s.file != nil {
		return io.NewSectionReader(s.file, 0, s.kept)
	}
	return bytes.NewReader(s.mem)
}

// Close releases the memory and removes the file.
func (s *Spool) Close() error {
	s.mem = nil
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	s.file = nil
	return err
}
