// Package themes embeds Lectern's built-in theme (themes/default) so the
// binary works anywhere. A kit's own themes/<name>/ overrides it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default returns the built-in theme: templates/ and assets/.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	return sub
}
