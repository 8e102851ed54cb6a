package kitgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Module sizes: a module's source (front matter included) is grown with
// extra paragraphs to a random target in [minTarget, maxTarget) bytes. The
// fixed parts of a module stay well under minTarget, and one paragraph is
// under 1 KB, so every module ends up between 3 and 6 KB.
const (
	minTarget = 3700
	maxTarget = 4600
)

// moduleSource returns the complete source (front matter and Markdown) of
// the 0-based module i. Write and WriteHugo both use it, so the two kits
// have identical module files.
func (k layout) moduleSource(i int) []byte {
	r := k.rng(uint64(i))
	n := i + 1
	topic := pick(r, topics)
	title := topic + " " + pick(r, qualifiers)

	// Timed segments; duration leaves some slack after them.
	activity := pick(r, []int{5, 10, 15, 20})
	discussion := pick(r, []int{5, 10})
	worksheet := 0
	if r.IntN(2) == 0 {
		worksheet = pick(r, []int{10, 15})
	}
	selfcheck := r.IntN(3) != 0
	duration := activity + discussion + worksheet + 5*r.IntN(4)

	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", TOMLString(title))
	fmt.Fprintf(&b, "weight = %d\n", n)
	fmt.Fprintf(&b, "duration = %d\n", duration)
	fmt.Fprintf(&b, "summary = %s\n", TOMLString(sentence(r)))
	objectives := make([]string, 2+r.IntN(2))
	for j := range objectives {
		objectives[j] = pick(r, objectiveVerbs) + " " + strings.ToLower(topic) + " " + pick(r, objectiveEnds) + "."
	}
	fmt.Fprintf(&b, "objectives = %s\n", tomlList(objectives))
	fmt.Fprintf(&b, "materials = %s\n", tomlList(pickN(r, materials, 2+r.IntN(3))))
	b.WriteString("+++\n\n")

	// Opening, with links to the neighbours.
	b.WriteString(paragraph(r, 3))
	if i > 0 {
		fmt.Fprintf(&b, " It builds on [module %d](%s)", i, k.link(i, i-1))
		if i+1 < k.o.Modules {
			fmt.Fprintf(&b, " and prepares [module %d](%s)", i+2, k.link(i, i+1))
		}
		b.WriteString(".")
	} else if i+1 < k.o.Modules {
		fmt.Fprintf(&b, " Next comes [module %d](%s).", i+2, k.link(i, i+1))
	}
	b.WriteString("\n\n")

	// Why it matters: list and quote.
	fmt.Fprintf(&b, "## Why %s matters\n\n", strings.ToLower(topic))
	b.WriteString(paragraph(r, 2) + "\n\n")
	for j := range 3 + r.IntN(2) {
		item := capitalize(pick(r, objects)) + " " + pick(r, tails)
		if j == 1 {
			if t := k.other(r, i); t >= 0 {
				item += fmt.Sprintf(" (see [module %d](%s))", t+1, k.link(i, t))
			}
		}
		b.WriteString("- " + item + "\n")
	}
	fmt.Fprintf(&b, "\n::: quote {by=%q where=%q}\n%s\n:::\n\n", pick(r, people), pick(r, places), sentence(r))

	// A section with a non-ASCII heading, numbered list and table.
	fmt.Fprintf(&b, "## %s\n\n", pick(r, headings))
	fmt.Fprintf(&b, "### %s\n\n", pick(r, subheadings))
	b.WriteString(paragraph(r, 2) + "\n\n")
	for j := range 3 + r.IntN(2) {
		fmt.Fprintf(&b, "%d. %s %s\n", j+1, capitalize(imperative(pick(r, verbs))), pick(r, objects))
	}
	b.WriteString("\n| Situation | Managing | Leading |\n|---|---|---|\n")
	for _, when := range pickN(r, tails, 3) {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", capitalize(when), capitalize(pick(r, managing)), capitalize(pick(r, leading)))
	}
	b.WriteString("\n")

	// Facilitator note, sometimes with a nested callout (outer fence longer).
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, ":::: facilitator\n%s\n\n::: tip\n%s\n:::\n::::\n\n", paragraph(r, 2), sentence(r))
	} else {
		fmt.Fprintf(&b, "::: facilitator\n**Timing.** %s\n:::\n\n", paragraph(r, 2))
	}

	// Practice: activity, code, discussion.
	b.WriteString("## Practice\n\n")
	fmt.Fprintf(&b, "::: activity {minutes=%d title=%q}\n%s\n\n", activity, pick(r, activityTitles), paragraph(r, 1))
	for j := range 3 {
		fmt.Fprintf(&b, "%d. %s %s.\n", j+1, capitalize(imperative(pick(r, verbs))), pick(r, objects))
	}
	b.WriteString(":::\n\n")
	b.WriteString(codeBlock(r, i) + "\n")
	fmt.Fprintf(&b, "::: discussion {minutes=%d}\n", discussion)
	for range 2 {
		fmt.Fprintf(&b, "- What do you %s when %s?\n", pick(r, []string{"notice", "say", "ask", "change"}), pick(r, situations))
	}
	b.WriteString(":::\n\n")

	if worksheet > 0 {
		fmt.Fprintf(&b, "::: worksheet {title=\"Reflect\" minutes=%d}\n%s\n\n::: answer {lines=4}\n:::\n\n", worksheet, sentence(r))
		fmt.Fprintf(&b, "Now %s.\n\n::: answer {lines=%d}\n:::\n:::\n\n", imperative(pick(r, verbs))+" "+pick(r, objects), 3+r.IntN(3))
	}
	if selfcheck {
		b.WriteString("::: selfcheck {title=\"Check\" left=\"Managing\" right=\"Leading\"}\n")
		for _, q := range pickN(r, selfchecks, 2+r.IntN(2)) {
			b.WriteString("- " + q + "\n")
		}
		b.WriteString(":::\n\n")
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "::: %s\n%s\n:::\n\n", pick(r, []string{"note", "tip", "warning"}), sentence(r))
	}

	// Wrap-up: blockquote and a link further afield.
	b.WriteString("## Wrap-up\n\n")
	fmt.Fprintf(&b, "> %s\n>\n> %s\n\n", sentence(r), sentence(r))
	b.WriteString(paragraph(r, 2))
	if t := k.other(r, i); t >= 0 {
		fmt.Fprintf(&b, " Compare [%s](%s).", pick(r, []string{"a later module", "another angle", "the related exercise"}), k.link(i, t))
	}
	b.WriteString("\n")

	// Grow to the target size.
	target := minTarget + r.IntN(maxTarget-minTarget)
	if b.Len() < target {
		fmt.Fprintf(&b, "\n## %s\n", pick(r, extraHeadings))
		for b.Len() < target {
			b.WriteString("\n" + paragraph(r, 3) + "\n")
		}
	}
	return []byte(b.String())
}

// other returns a random module other than i, or -1 if there is none.
func (k layout) other(r *rand.Rand, i int) int {
	if k.o.Modules < 2 {
		return -1
	}
	t := r.IntN(k.o.Modules - 1)
	if t >= i {
		t++
	}
	return t
}

// codeBlock returns a fenced code block, rotating go, python, bash and
// output (a language no highlighter knows) by module.
func codeBlock(r *rand.Rand, i int) string {
	w := pickN(r, codeWords, 3)
	switch i % 4 {
	case 0:
		return fmt.Sprintf("```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tsteps := []string{%q, %q, %q}\n\tfor i, s := range steps {\n\t\tfmt.Printf(\"%%d: %%s\\n\", i+1, s)\n\t}\n}\n```\n", w[0], w[1], w[2])
	case 1:
		return fmt.Sprintf("```python\ndef plan(steps):\n    \"\"\"Number the steps of a one-to-one.\"\"\"\n    return [f\"{i}: {s}\" for i, s in enumerate(steps, 1)]\n\nprint(plan([%q, %q, %q]))\n```\n", w[0], w[1], w[2])
	case 2:
		return fmt.Sprintf("```bash\n#!/usr/bin/env bash\nset -euo pipefail\nfor step in %s %s %s; do\n  echo \"next: $step\"\ndone\n```\n", w[0], w[1], w[2])
	default:
		// Colons inside a code block are text, not a kit block.
		return fmt.Sprintf("```output\n$ agenda --today\n09:00  %s\n09:30  %s\n::: note\n10:15  %s\n:::\n```\n", w[0], w[1], w[2])
	}
}

func sentence(r *rand.Rand) string {
	obj := pick(r, objects)
	if r.IntN(3) == 0 {
		obj = "*" + obj + "*"
	}
	tail := pick(r, tails)
	if r.IntN(6) == 0 {
		tail = "**" + tail + "**"
	}
	return pick(r, subjects) + " " + pick(r, verbs) + " " + obj + " " + tail + "."
}

func paragraph(r *rand.Rand, n int) string {
	s := make([]string, n)
	for j := range s {
		s[j] = sentence(r)
	}
	return strings.Join(s, " ")
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickN returns n distinct elements of xs (n <= len(xs)) in random order.
func pickN[T any](r *rand.Rand, xs []T, n int) []T {
	p := r.Perm(len(xs))[:n]
	out := make([]T, n)
	for j, x := range p {
		out[j] = xs[x]
	}
	return out
}

// imperative turns a verb from the verbs list ("asks about") into its
// base form ("ask about").
func imperative(v string) string {
	verb, rest, _ := strings.Cut(v, " ")
	verb = strings.TrimSuffix(verb, "s")
	if rest == "" {
		return verb
	}
	return verb + " " + rest
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var (
	topics = []string{
		"Delegation", "Feedback", "Coaching", "Trust", "Listening", "Priorities",
		"Conflict", "Vision", "Accountability", "Recognition", "Change", "Decisions",
		"Meetings", "Motivation", "Ownership", "Questions", "Influence", "Clarity",
		"Resilience", "Onboarding",
	}
	qualifiers = []string{
		"under pressure", "in practice", "for new leads", "without micromanaging",
		"at a distance", "across teams", "in hard conversations", "one step at a time",
		"that sticks", "on a Monday morning", "in the café", "für Einsteiger",
	}
	subjects = []string{
		"A good leader", "The team", "Every facilitator", "A new manager", "Your colleague",
		"The group", "Each participant", "A supervisor", "The staff", "A naïve manager",
		"The shift lead", "Someone in the room",
	}
	verbs = []string{
		"notices", "asks about", "writes down", "reflects on", "returns to", "questions",
		"shares", "names", "protects", "balances", "celebrates", "revisits",
	}
	objects = []string{
		"the task list", "the people behind the work", "the next small step",
		"a clear expectation", "the quiet voices", "what went well", "the cost of rushing",
		"the real deadline", "an honest answer", "the purpose of the meeting",
		"the café conversation", "a naïve assumption", "the résumé of the week",
		"the façade of being busy",
	}
	tails = []string{
		"before the day starts", "when things get busy", "in the weekly one-to-one",
		"after a difficult shift", "without waiting to be asked", "even when nobody is watching",
		"with curiosity rather than blame", "at the end of each session", "during the handover",
		"when a deadline slips",
	}
	situations = []string{
		"a deadline slips", "someone goes quiet", "two people disagree", "a plan changes",
		"a new colleague starts", "the numbers look bad",
	}
	managing = []string{
		"tell people what to do", "check the list", "chase the deadline", "fix it yourself",
		"give orders", "count the hours",
	}
	leading = []string{
		"ask what they need", "explain the why", "share the problem", "coach the fix",
		"listen first", "notice the effort",
	}
	headings = []string{
		"Café Übung", "Naïve questions", "Résumé of the day", "Über the task list",
		"Straße und Weg", "Ærø retrospective", "Señora López's checklist", "Déjà vu in meetings",
		"Façades and feelings", "Smörgåsbord of habits",
	}
	subheadings = []string{
		"A first look", "What the staff said", "Trying it out", "Zoë's example",
		"Common traps", "Small experiments", "Before and after",
	}
	extraHeadings = []string{
		"Further notes", "More to try", "Notes for later", "Going deeper", "Après la séance",
	}
	people = []string{
		"Ana Ruiz", "Chen Wei", "Zoë Martin", "Björn Larsen", "Amara Nwosu", "José García",
		"Priya Natarajan", "Łukasz Nowak",
	}
	places = []string{
		"Miami", "Lyon", "Kraków", "São Paulo", "Oslo", "Nairobi", "Zürich", "Montréal",
	}
	activityTitles = []string{"Pairs", "Trios", "Fishbowl", "Role play", "Gallery walk", "Solo sketch"}
	objectiveVerbs = []string{"Describe", "Practise", "Name two signs of", "Plan one step in", "Compare approaches to"}
	objectiveEnds  = []string{
		"with your own team", "in a real situation", "as a leader rather than a manager",
		"within the next week", "using the self-check",
	}
	materials = []string{
		"Flip chart", "Sticky notes", "Markers", "Printed worksheets", "Timer visible to the room",
		"Pens", "Index cards", "Projector",
	}
	selfchecks = []string{
		"Do I tell — or do I ask?",
		"Do I check the list – or check in with people?",
		"Do people follow me because they have to -- or because they want to?",
		"When a deadline slips, do I get angry — or do I help solve the problem?",
		"Do I make people feel pressured — or encouraged?",
	}
	codeWords = []string{"plan", "ask", "listen", "agree", "review", "thank", "delegate", "follow-up"}
)
