package kit

// maxNesting bounds how deep arrays and inline tables may nest in site.toml
// and front matter. The TOML decoder recurses once a level, so a file of a
// few megabytes of "[" would exhaust the stack and cost time with the square
// of the depth; no kit needs more than a handful of levels.
const maxNesting = 64

const nestingMsg = "arrays and tables are nested more than %d levels deep here: the file is not read"

// tooNested finds the first "[" or "{" that opens a level deeper than
// maxNesting, outside strings and comments: its 1-based line and column.
func tooNested(src []byte) (line, col int, found bool) {
	depth := 0
	line, lineStart := 1, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			// A string: basic ("…", with escapes) or literal ('…'), each
			// on one line or, tripled, on many.
			triple := i+2 < len(src) && src[i+1] == c && src[i+2] == c
			if triple {
				i += 3
			} else {
				i++
			}
			for ; i < len(src); i++ {
				switch {
				case src[i] == '\\' && c == '"':
					i++
					if i < len(src) && src[i] == '\n' {
						line, lineStart = line+1, i+1
					}
				case src[i] == '\n':
					if !triple {
						// An unclosed string: the decoder reports it.
						i--
						goto next
					}
					line, lineStart = line+1, i+1
				case src[i] == c && (!triple || i+2 < len(src) && src[i+1] == c && src[i+2] == c):
					if triple {
						i += 2
						// Up to two more quotes belong to the string.
						for k := 0; k < 2 && i+1 < len(src) && src[i+1] == c; k++ {
							i++
						}
					}
					goto next
				}
			}
		case '[', '{':
			depth++
			if depth > maxNesting {
				return line, i - lineStart + 1, true
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	next:
	}
	return 0, 0, false
}
