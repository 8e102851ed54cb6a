package kitgen

import "fmt"

// WriteHugo writes the kit that Write would write for o as a Hugo site in
// dir: the same content/ files byte for byte (parts are Hugo sections with
// _index.md), a hugo.toml, and minimal templates that put each page's title
// and content into a plain HTML5 page. Hugo renders kit blocks as ordinary
// paragraphs and leaves .md links as they are; the site is for timing
// comparisons, not for reading.
func WriteHugo(dir string, o Options) error {
	k, err := newLayout(o)
	if err != nil {
		return err
	}
	files := []file{{"hugo.toml", k.hugoTOML()}}
	for _, t := range hugoTemplates {
		files = append(files, file{t.path, []byte(t.text)})
	}
	files = append(files, k.contentFiles()...)
	return writeFiles(dir, files)
}

func (k layout) hugoTOML() []byte {
	return fmt.Appendf(nil, `baseURL = "/"
title = %s
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]

[markup.goldmark.renderer]
unsafe = false
`, TOMLString(fmt.Sprintf("Synthetic workshop kit (%d modules)", k.o.Modules)))
}

var hugoTemplates = []struct{ path, text string }{
	{"layouts/_default/baseof.html", `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
</head>
<body>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
`},
	{"layouts/_default/single.html", `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
`},
	{"layouts/_default/list.html", `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
`},
	{"layouts/index.html", `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
`},
}
