package whatwg

import (
	"strconv"
	"strings"
)

// endsInANumber is the standard's "ends in a number checker": a host whose
// last label is a number, decimal or "0x" hex, is read as IPv4 (and fails if
// it is not one), so "ameli.fr.0x1" is never a domain.
func endsInANumber(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	last := s[strings.LastIndexByte(s, '.')+1:]
	// Every number parseIPv4Number reads, decimal, octal or "0x"
	// hexadecimal, starts with a digit; most hosts end in a letter.
	if last == "" || last[0] < '0' || last[0] > '9' {
		return false
	}
	if allDigits(last) {
		return true
	}
	_, ok := parseIPv4Number(last)
	return ok
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseIPv4Number reads one part of an IPv4 address: decimal, "0x" hex or
// "0" octal. Values beyond 32 bits saturate, which is enough to fail the
// range checks that follow, where the standard uses unbounded integers.
func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		s, base = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, base = s[1:], 8
	}
	if s == "" {
		return 0, true
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d := DigitValue(s[i])
		if d >= base {
			return 0, false
		}
		if n < 1<<40 {
			n = n*uint64(base) + uint64(d)
		}
	}
	return n, true
}

// DigitValue is the value of c as a digit of a base up to 16 (hexadecimal
// letters in either case), or 99 for a byte that is no digit.
func DigitValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

// parseIPv4 is the standard's IPv4 parser, returning dotted-decimal.
func parseIPv4(s string) (string, error) {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return "", ErrIPv4
	}
	numbers := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return "", ErrIPv4
		}
		numbers[i] = n
	}
	last := len(numbers) - 1
	for _, n := range numbers[:last] {
		if n > 255 {
			return "", ErrIPv4
		}
	}
	if numbers[last] >= 1<<(8*(5-len(numbers))) {
		return "", ErrIPv4
	}
	addr := numbers[last]
	for i, n := range numbers[:last] {
		addr += n << (8 * (3 - i))
	}
	return strconv.Itoa(int(addr>>24)) + "." + strconv.Itoa(int(addr>>16&0xff)) + "." +
		strconv.Itoa(int(addr>>8&0xff)) + "." + strconv.Itoa(int(addr&0xff)), nil
}

// parseIPv6 is the standard's IPv6 parser, on the text between the
// brackets. It returns the bracketed serialisation.
func parseIPv6(s string) (string, error) {
	var addr [8]uint16
	piece, compress := 0, -1
	i := 0
	at := func(i int) int {
		if i < len(s) {
			return int(s[i])
		}
		return -1 // EOF
	}
	if at(i) == ':' {
		if at(i+1) != ':' {
			return "", ErrIPv6
		}
		i += 2
		piece++
		compress = piece
	}
	for at(i) != -1 {
		if piece == 8 {
			return "", ErrIPv6
		}
		if at(i) == ':' {
			if compress != -1 {
				return "", ErrIPv6
			}
			i++
			piece++
			compress = piece
			continue
		}
		value, length := 0, 0
		for length < 4 && at(i) != -1 && IsHex(s[i]) {
			value = value*16 + int(Unhex(s[i]))
			i++
			length++
		}
		if at(i) == '.' {
			if length == 0 {
				return "", ErrIPv6
			}
			i -= length
			if piece > 6 {
				return "", ErrIPv6
			}
			seen := 0
			for at(i) != -1 {
				v := -1
				if seen > 0 {
					if at(i) == '.' && seen < 4 {
						i++
					} else {
						return "", ErrIPv6
					}
				}
				if c := at(i); c < '0' || c > '9' {
					return "", ErrIPv6
				}
				for c := at(i); c >= '0' && c <= '9'; c = at(i) {
					n := c - '0'
					switch {
					case v == -1:
						v = n
					case v == 0:
						return "", ErrIPv6
					default:
						v = v*10 + n
					}
					if v > 255 {
						return "", ErrIPv6
					}
					i++
				}
				addr[piece] = addr[piece]*0x100 + uint16(v)
				seen++
				if seen == 2 || seen == 4 {
					piece++
				}
			}
			if seen != 4 {
				return "", ErrIPv6
			}
			break
		} else if at(i) == ':' {
			i++
			if at(i) == -1 {
				return "", ErrIPv6
			}
		} else if at(i) != -1 {
			return "", ErrIPv6
		}
		addr[piece] = uint16(value)
		piece++
	}
	if compress != -1 {
		swaps := piece - compress
		piece = 7
		for piece != 0 && swaps > 0 {
			addr[piece], addr[compress+swaps-1] = addr[compress+swaps-1], addr[piece]
			piece--
			swaps--
		}
	} else if piece != 8 {
		return "", ErrIPv6
	}
	return "[" + serializeIPv6(addr) + "]", nil
}

// serializeIPv6 compresses the first longest run of two or more zero pieces,
// as the standard's IPv6 serializer does.
func serializeIPv6(addr [8]uint16) string {
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if addr[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && addr[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	var b strings.Builder
	for i := 0; i < 8; i++ {
		if i == best {
			if i == 0 {
				b.WriteString("::")
			} else {
				b.WriteByte(':')
			}
			i += bestLen - 1
			continue
		}
		b.WriteString(strconv.FormatUint(uint64(addr[i]), 16))
		if i != 7 {
			b.WriteByte(':')
		}
	}
	return b.String()
}
