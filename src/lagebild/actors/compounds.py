"""Adjectives and compounds of actor names: "russische", "US-Angriffe", "Kreml-Sprecher", "Boko-Haram-Miliz".

They go to `doc.mentions` only (GermEval counts them as `deriv`/`part`): an adjective is a mention of its
state; a compound's actor part is a mention of just that part ("US-Angriffe" → US, the attacks are not
the actor), unless the head is a role word ("Kreml-Sprecher": the spokesman is the actor, the whole
token). Mixed into the linker.
"""

from __future__ import annotations

from ..records import Token
from .kb import ActorEntry, actor_of
from .spans import Cand, alias_plain
from .state import LinkerState
from .translit import genitive_stems, name_key, plain


class CompoundMixin(LinkerState):
    """Adjective and compound methods of the linker; the attributes below are set by the linker
    (`_lemma` and `_role_actor` come from the role mixin)."""

    def _adjective(self, i: int) -> Cand | None:
        tok = self.toks[i]
        t = tok.text
        g = self.g
        idx = self.kb.adjectives.get((self.lang, t.lower()))
        if idx is None and g.foreign_adjectives and tok.tag == g.foreign_tag:
            idx = self.kb.adjectives.get((g.foreign_adjectives, t.lower()))  # "die [Iranian] Menschen"
        elif (
            idx is not None
            and g.nouns_capitalised
            and t[:1].isupper()
            and i != self.sent_start[i]
            and not self._adjective_tag(tok)
        ):
            return None  # "Deutsch" the noun, "Russisch" the language
        if idx is None:
            return None
        entry = self.kb.entries[idx]
        span = Cand(i, i + 1, tok.start, tok.end, entry.type, "adj", entry)
        span.actor = actor_of(entry, self.date, entry.country)
        span.country = entry.country
        return span

    def _adjective_tag(self, tok: Token) -> bool:
        return bool(self.g.adjective_tag) and tok.tag.startswith(self.g.adjective_tag)

    def _single(self, text: str) -> ActorEntry | None:
        """A curated or CLDR actor named by one word (compound parts: "US", "Kreml", "Ukraine")."""
        if not text or not (text[:1].isupper()):
            return None
        forms = [text, *genitive_stems(text)]
        for form in forms:
            for alias in self.kb.candidates(name_key(form)):
                if len(alias.keys) != 1 or alias.prio > 1 or alias.lang not in ("", self.lang):
                    continue
                want = alias_plain(alias.text)
                if (alias.upper or sum(map(len, want)) <= 4) and (plain(form),) != want:
                    continue  # acronyms and short names only as spelled ("HSH" is not "HTS")
                if alias.upper and not text.replace(".", "").isupper():
                    continue
                return self.kb.entries[alias.entry]
        return None

    def _compound(self, i: int) -> list[Cand]:
        """Hyphenated tokens: whole-token adjectives ("US-amerikanische"), role compounds
        ("Kreml-Sprecher": whole token), actor parts ("US-Angriffe": the "US" part)."""
        tok = self.toks[i]
        whole = self.kb.adjectives.get((self.lang, tok.text.lower()))
        if whole is not None:
            e = self.kb.entries[whole]
            s = Cand(i, i + 1, tok.start, tok.end, e.type, "adj", e, actor_of(e, self.date, e.country))
            s.country = e.country
            return [s]
        parts, pos, out = [], tok.start, []
        for p in tok.text.split("-"):
            parts.append((p, pos, pos + len(p)))
            pos += len(p) + 1
        actor_parts = self._compound_parts(parts)
        if not actor_parts:
            return []
        head = parts[-1][0]
        rw = self.kb.role(self.lang, (head.lower(),))
        if rw and rw.kind != "mod" and actor_parts[-1][0] != head:
            p, _, _, entry = actor_parts[-1]
            span = Cand(i, i + 1, tok.start, tok.end, "PER" if rw.kind == "person" else "ORG", "role", entry)
            span.role_word = rw
            span.role = "-".join(x for x, _, _ in parts[:-1]) + "-" + self._lemma(rw, head)
            span.actor, span.country = self._role_actor(entry, rw, span.role, None)
            return [span]
        for _p, s, e, entry in actor_parts:
            sp = Cand(i, i + 1, s, e, entry.type if entry.type != "PER" else "PER", "part", entry)
            sp.actor = actor_of(entry, self.date, entry.country if entry.kind == "capital" else None)
            sp.country = entry.country
            out.append(sp)
        return out

    def _compound_parts(self, parts: list[tuple[str, int, int]]) -> list[tuple[str, int, int, ActorEntry]]:
        """The actors among a compound's parts, a hyphenated name of several parts first
        ("Boko-Haram-Miliz" → Boko Haram), else one part or a country adjective ("US-Angriffe" → US)."""
        out: list[tuple[str, int, int, ActorEntry]] = []
        k = 0
        while k < len(parts):
            for end in range(len(parts), k + 1, -1):
                text = "-".join(p for p, _, _ in parts[k:end])
                entry = self._single(text)
                if entry is not None:
                    out.append((text, parts[k][1], parts[end - 1][2], entry))
                    k = end
                    break
            else:
                p, s, e = parts[k]
                entry = self._single(p)
                if entry is None:
                    idx = self.kb.adjectives.get((self.lang, p.lower()))
                    entry = self.kb.entries[idx] if idx is not None else None
                if entry is not None:
                    out.append((p, s, e, entry))
                k += 1
        return out
