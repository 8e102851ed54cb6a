package render

import (
	"sort"
	"strings"

	"lectern/generator/diag"
	"lectern/generator/kit"
)

// MaterialLine is one thing to bring, consolidated over the modules that
// use it. A reusable item is brought once, at the largest quantity any
// module needs; a consumable one is used up, so its uses add up.
type MaterialLine struct {
	Item string // as the first module to use it spells it
	// Quantity is how many to bring: the consumable uses' quantities added
	// up, plus the largest of the others. 0 when no use is counted (plain
	// text, or site.toml lacks participants or group_size).
	Quantity int
	// Consumable is set when any use is.
	Consumable bool
	Uses       []MaterialUse // in kit order
}

// MaterialUse is one module's need of an item.
type MaterialUse struct {
	Module   *kit.Module
	Material kit.Material
	Quantity int // Material.Count for the whole room; 0 when not counted
}

// Modules lists the modules that use the item, each once, in kit order.
func (l *MaterialLine) Modules() []*kit.Module {
	var out []*kit.Module
	for i, u := range l.Uses {
		if i == 0 || u.Module != l.Uses[i-1].Module {
			out = append(out, u.Module)
		}
	}
	return out
}

// materials consolidates every module's materials: the same item (ignoring
// case and surrounding spaces) is one line. The lines used by most modules
// come first; otherwise they keep the order the kit first names them in.
// A kit that counts per person or per group without the numbers to do so
// is warned about once, in site.toml.
func materials(k *kit.Kit, s *Schedule, warn *diag.List) []*MaterialLine {
	idx := map[string]*MaterialLine{}
	var out []*MaterialLine
	var perPerson, perGroup *kit.Module // the first module counting that way
	for _, m := range k.Modules {
		for _, mat := range m.Materials {
			key := strings.ToLower(strings.TrimSpace(mat.Item))
			if key == "" {
				continue
			}
			l := idx[key]
			if l == nil {
				l = &MaterialLine{Item: strings.TrimSpace(mat.Item)}
				idx[key] = l
				out = append(out, l)
			}
			q := 0
			switch mat.Per {
			case "person":
				q = mat.Count * s.Participants
				if perPerson == nil {
					perPerson = m
				}
			case "group":
				q = mat.Count * s.Groups
				if perGroup == nil {
					perGroup = m
				}
			case "workshop":
				q = mat.Count
			}
			l.Uses = append(l.Uses, MaterialUse{Module: m, Material: mat, Quantity: q})
			l.Consumable = l.Consumable || mat.Consumable
		}
	}
	for _, l := range out {
		most, used := 0, 0
		for _, u := range l.Uses {
			if u.Material.Consumable {
				used += u.Quantity
			} else {
				most = max(most, u.Quantity)
			}
		}
		l.Quantity = used + most
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Modules()) > len(out[j].Modules()) })

	line, col := k.Config.KeyPos("workshop")
	if s.Participants == 0 {
		m, per := perPerson, "person"
		if m == nil {
			m, per = perGroup, "group"
		}
		if m != nil {
			warn.Warnf("site.toml", line, col, "%s counts materials per %s, but [workshop] sets no participants: add participants = … to count them", m.Source, per)
		}
	}
	if perGroup != nil && s.GroupSize == 0 {
		warn.Warnf("site.toml", line, col, "%s counts materials per group, but [workshop] sets no group_size: add group_size = … to count them", perGroup.Source)
	}
	return out
}
