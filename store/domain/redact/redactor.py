"""The redactor: one scanner for redact, check and near misses."""

# The subject here is look-alike characters; the tables have to show them.

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from store.domain.redact.bidi import _RTL
from store.domain.redact.emphasis import _with_emphasis
from store.domain.redact.folding import (
    _DROP_GAPS,
    _GAP,
    _INNER,
    _INNER_CHARS,
    _LAST_LETTER,
    _NEXT_LETTER,
    _TABLE,
    _WORD_RUN,
    _WORD_START,
    _WORDISH,
    NEAR_MISS_ANY_CASE,
    NEAR_MISS_MIN_LENGTH,
    PSEUDONYM_JOINER,
    _fold,
    _fold_document,
    _Folded,
    _skeleton,
)
from store.domain.redact.records import (
    NearMiss,
    Protected,
    RedactionError,
    _and,
    _compile,
    _Hit,
    _skeleton_of,
)
from store.domain.redact.tokens import (
    _DROP_JOINERS,
    _TOKEN,
    _candidates,
    _deletions,
)


class Redactor:
    """Replaces registered names by pseudonyms, and refuses documents that still hold one."""

    def __init__(self, protected: Iterable[Protected]) -> None:
        names: dict[str, list[str]] = {}  # skeleton -> pseudonyms, in register order
        joins: dict[str, set[int]] = {}
        single: set[str] = set()  # skeletons of forms of one word ("Ellie-Mae", not "Ellie Mae")
        keep: dict[str, str] = {}  # pseudonym skeleton -> the pseudonym, folded
        for person in protected:
            if not isinstance(person, Protected):
                raise TypeError("the register holds Protected entries only")
            for form in person.names:
                skeleton, at = _skeleton(form)
                owners = names.setdefault(skeleton, [])
                if person.pseudonym not in owners:
                    owners.append(person.pseudonym)
                joins.setdefault(skeleton, set()).update(at)
                if " " not in _fold(form, visual=False).text.strip():
                    single.add(skeleton)
            words = _fold(person.pseudonym, visual=False).text.split()
            keep["".join(words).translate(_DROP_GAPS)] = " ".join(words)
        for skeleton in keep:
            if skeleton in names:
                raise ValueError(
                    f"a name form registered for {_and(tuple(names[skeleton]))} reads as a pseudonym"
                )
        self._names = {s: tuple(p) for s, p in names.items()}
        self._joins = {s: frozenset(j) for s, j in joins.items()}
        self._keep = frozenset(keep)
        self._pseudonym_words = frozenset(w for f in keep.values() for w in f.split())
        # Every form of one word long enough to misspell, by each of its one-letter deletions.
        self._fuzzy: dict[str, list[str]] = {}
        fuzzy = sorted(s for s in single if len(s) >= NEAR_MISS_MIN_LENGTH)
        for skeleton in fuzzy:
            for key in _deletions(skeleton):
                self._fuzzy.setdefault(key, []).append(skeleton)
        self._fuzzy_first = frozenset(s[0] for s in fuzzy)
        lengths = [len(s) for s in fuzzy] or [0]
        self._fuzzy_lengths = (min(lengths) - 1, max(lengths) + 1)
        # How far from a word a name containing it may run (gaps are seldom long).
        self._reach = 4 * max(map(len, names), default=0) + 32
        self._completes: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}
        # Grouped by first character, so the regex engine rules out most positions at once.
        branches: dict[str, list[tuple[int, int, str]]] = {}
        for skeleton, cuts in joins.items():
            rest = "".join(
                (_GAP if i in cuts else _INNER) + re.escape(c) for i, c in enumerate(skeleton) if i
            )
            branches.setdefault(skeleton[0], []).append((-len(skeleton), 1, rest))
        for skeleton, folded in keep.items():  # pseudonyms exactly, bar the spacing
            rest = " +".join(re.escape(w) for w in folded[1:].split(" "))
            branches.setdefault(folded[0], []).append((-len(skeleton), 0, rest))
        self._pattern = _compile(branches)
        self._names_only = _compile(
            {
                c: [a for a in alts if a[1]]
                for c, alts in branches.items()
                if any(a[1] for a in alts)
            }
        )

    def _hits(self, text: str, folded: _Folded | None = None) -> list[_Hit]:
        if self._pattern is None or self._names_only is None:
            return []
        if folded is None:
            folded = _fold(text)
        found = folded.text
        hits: list[_Hit] = []
        shown: list[_Hit] = []  # found in the display-order copy
        pos = 0
        while (m := self._pattern.search(found, pos)) is not None:
            pos = m.end()
            if _skeleton_of(m) in self._keep:
                # A pseudonym stays, unless a name starts inside it and runs on past its end:
                # "the child O'Brien" with a "Child O" registered.
                for w in _WORD_START.finditer(found, m.start() + 1, m.end()):
                    inner = self._names_only.match(found, w.start())
                    # ...though "Child S's" is a possessive, not a name "S'S".
                    if inner is not None and found[m.end() : inner.end()] not in ("", "'s"):
                        m = inner
                        break
                else:
                    continue
                pos = m.end()
            skeleton = _skeleton_of(m)
            # Every alternative in the pattern is a key of `_names` or `_keep`.
            pseudonyms = self._names.get(skeleton, ())
            if folded.split is not None and m.start() >= folded.split:
                start, end = folded.span(m.start(), m.end() - 1)
                isolate = folded.reordered(m.start(), m.end() - 1)
                shown.append(_Hit(start, end, pseudonyms, None, isolate))
                continue
            plural = m.group().endswith("'")
            last = m.end() - 1
            if (
                not plural
                and skeleton.endswith("s")
                and found[m.end() : m.end() + 1] == "'"
                and not _WORDISH.match(found, m.end() + 1)
                and found[m.start() - 1 : m.start()] != "'"  # 'James' is a quotation
            ):
                last = m.end()  # "James'" -> "Child A's"
            start, end = folded.span(m.start(), last)
            apostrophe = None
            if last != m.end() - 1 or plural:
                a, b = folded.span(last, last)
                apostrophe = text[a:b]
            elif "*" in (span := text[start:end]) or "~" in span:
                start, end = _with_emphasis(text, start, end)
            hits.append(_Hit(start, end, pseudonyms, apostrophe))
        if shown:
            # The display-order copy finds most names again; only what it adds is kept.
            typed = [(h.start, h.end) for h in hits]
            for hit in shown:
                if not any(a <= hit.start and hit.end <= b for a, b in typed):
                    typed.append((hit.start, hit.end))
                    hits.append(hit)
            hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def redact(self, text: str) -> str:
        """``text`` with every registered name form replaced by its pseudonym.

        Case, accents (typed or not, NFC or NFD), look-alike letters from other scripts,
        possessives, line breaks and runs of spaces or NBSP inside a full name, invisible and
        blank characters, emphasis typed inside a name, Markdown escapes, HTML entities and
        bidi controls that display a name are all seen through; the replacement covers
        exactly the original characters of the name (with the emphasis markers that pair
        with ones inside it), and a possessive ``'s`` stays as typed. Never raises on any
        ``str``; ``redact(redact(t)) == redact(t)``.
        """
        for _ in range(8):  # one pass, bar a name the replacement itself completes
            out, again = self._replace(text)
            if not again:
                return out
            text = out
        return out  # not reached in practice; check would refuse what is left

    def _replace(self, text: str) -> tuple[str, bool]:
        """One pass of ``redact``, and whether a pseudonym it put in may, with the text after
        or before it, read as a registered name ("A-Aa" typed as "a-Aaa-Aa": the "A" of
        "Child A" and the "-Aa" left over)."""
        out: list[str] = []
        placed: list[tuple[int, int, str]] = []  # where each replacement went in the output
        length = pos = 0
        for hit in self._hits(text):
            start = max(hit.start, pos)  # two hits can share one original character ("ß" -> "ss")
            if start >= hit.end:
                continue
            pseudonyms = PSEUDONYM_JOINER.join(hit.pseudonyms)
            piece = f"\u2066{pseudonyms}\u2069" if hit.isolate else pseudonyms
            if hit.possessive is not None:
                piece += hit.possessive + "s"
            out.append(text[pos:start])
            length += start - pos
            placed.append((length, length + len(piece), piece))
            out.append(piece)
            length += len(piece)
            pos = hit.end
        out.append(text[pos:])
        result = "".join(out)
        if placed and _RTL.search(result):
            # A replacement that took a bidi control or right-to-left letter with the name
            # can change how the rest of its line is displayed: look at the whole again.
            return result, bool(self._hits(result))
        for a, b, piece in placed:
            joined, glued, precede = self._may_complete(piece)
            after = before = False
            # Mostly a space or a stop follows, and only a join can stand there.
            if joined or (glued and _TABLE[ord(result[b : b + 1] or " ")] in _INNER_CHARS):
                m = _NEXT_LETTER.match(result, b)
                if m is not None:
                    letter = _TABLE[ord(m.group(1))][:1]
                    between = result[b : m.start(1)]
                    inner = all(_TABLE[ord(c)] in _INNER_CHARS for c in between)
                    after = letter in joined or (inner and letter in glued)
            if precede:
                m = _LAST_LETTER.search(result, max(0, a - 16), a)
                before = m is not None and _TABLE[ord(m.group(1))][-1:] in precede
            if after or before:
                lo = max(0, a - self._reach) if before else a
                window = result[lo : b + self._reach]
                if any(h.start < b - lo and h.end > a - lo for h in self._hits(window)):
                    return result, True
        return result, False

    def _may_complete(self, piece: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """What could let a registered name start inside ``piece`` and run on into the text
        after it: the next letter, past a join (a space, hyphen ...) or past invisible
        characters and emphasis only; and the last letter before ``piece`` that could let
        one end inside it. Nearly always empty; cached, since few pieces recur."""
        known = self._completes.get(piece)
        if known is None:
            folded = _fold(piece, visual=False).text
            starts = [m.start() for m in _WORD_START.finditer(folded) if m.start()]
            heads = [folded[w:].translate(_DROP_GAPS) for w in starts]
            ends = [m.end() for m in _WORD_RUN.finditer(folded)]
            tails = [folded[:e].translate(_DROP_GAPS) for e in ends]
            joined: set[str] = set()
            glued: set[str] = set()
            for skeleton, cuts in self._joins.items():
                for head in heads:
                    if len(skeleton) > len(head) and skeleton.startswith(head):
                        (joined if len(head) in cuts else glued).add(skeleton[len(head)])
            precede = {
                s[-len(t) - 1]
                for t in tails
                for s in self._names
                if len(s) > len(t) and s.endswith(t)
            }
            known = (frozenset(joined), frozenset(glued), frozenset(precede))
            self._completes[piece] = known
        return known

    def check(self, document: str) -> None:
        """Raise ``RedactionError`` if the finished ``document`` still holds a registered name.

        Call it on the exact text about to be written, after every export step. It sees through
        everything ``redact`` does, plus what an export may have added: backslash escapes,
        zero-width characters, HTML entities. The error carries pseudonyms and line numbers only.
        """
        found: list[str] = []
        lines: set[int] = set()
        for hit in self._hits(document, _fold_document(document)):
            found.extend(p for p in hit.pseudonyms if p not in found)
            lines.add(document.count("\n", 0, hit.start) + 1)
        if found:
            raise RedactionError(tuple(found), tuple(sorted(lines)))

    def near_misses(self, document: str, *, known: Iterable[str] = ()) -> list[NearMiss]:
        """Words in ``document`` one letter from a registered name form: likely the name
        misspelt ("Kaydn", "Jaiden", "Jyaden" for "Kayden" and "Jayden"), which ``redact``
        leaves as typed. For a person to look at, not to redact: each comes with the
        pseudonyms of the forms it is close to, in document order.

        One edit is a letter changed, added, left out, or two side by side swapped (OSA
        distance 1), compared folded, so case, accents and look-alikes do not count. Only
        forms of one word (a hyphen or apostrophe inside is still one word) of at least
        ``NEAR_MISS_MIN_LENGTH`` letters are compared, and only with words that start with
        the same letter. A form shorter than ``NEAR_MISS_ANY_CASE`` letters is one letter
        from many ordinary words ("White": "While", "Write"), so its near misses count only
        when typed with a capital and never in lowercase elsewhere in the document. Never a
        near miss: a name ``redact`` replaces or a word inside one, a word of a pseudonym, or
        a word of ``known`` (say, the names of the professionals present). A word with a
        form's very letters that ``redact`` leaves ("Jay-den") is one.
        """
        if not self._fuzzy:
            return []
        from rapidfuzz.distance import OSA

        folded = _fold_document(document)
        found = folded.text if folded.split is None else folded.text[: folded.split]
        ignored = {
            word.translate(_DROP_JOINERS)
            for entry in known
            for word in _fold(entry, visual=False).text.split()
        }
        words: dict[str, tuple[tuple[str, ...], int]] = {}
        flagged: dict[str, list[tuple[int, int, tuple[str, ...], int]]] = {}
        low, high = self._fuzzy_lengths
        for token in set(_TOKEN.findall(found)):
            near = []
            for i, (a, b, word) in enumerate(_candidates(token)):
                if word not in words:
                    words[word] = (
                        self._close_to(word, OSA.distance)
                        if low <= len(word) <= high
                        and word[0] in self._fuzzy_first
                        and word not in ignored
                        else ((), 0)
                    )
                pseudonyms, shortest = words[word]
                if pseudonyms:
                    near.append((a, b, pseudonyms, shortest))
                    if i == 0:
                        break  # the whole word is one; its parts are not looked at
            if near:
                flagged[token] = near
        if not flagged:
            return []
        # Every place a flagged word stands, and whether it is ever typed in lowercase.
        places: list[tuple[int, int, tuple[str, ...], int, str]] = []
        lowercase: set[str] = set()
        where = re.compile(
            r"(?<![^\W_])(?<![^\W\d_][\x00*_~'\-])(?:"
            + "|".join(map(re.escape, sorted(flagged, key=len, reverse=True)))
            + r")(?![^\W_])(?![\x00*_~'\-]+[^\W\d_])"
        )
        for m in where.finditer(found):
            for a, b, pseudonyms, shortest in flagged[m.group()]:
                first, last = m.start() + a, m.start() + b
                if self._inside_name(found, first, last):
                    continue  # redact replaces it anyway: "O'Brien's", "Harringtons'"
                start, end = folded.span(first, last - 1)
                word = found[first:last]
                capital = next((c for c in document[start:end] if c.isalpha()), "")
                if not capital.isupper():
                    lowercase.add(word)
                places.append((start, end, pseudonyms, shortest, word))
        misses: list[NearMiss] = []
        line, counted = 1, 0
        for start, end, pseudonyms, shortest, word in places:
            if shortest < NEAR_MISS_ANY_CASE and word in lowercase:
                continue
            line += document.count("\n", counted, start)
            counted = start
            misses.append(NearMiss(start, end, line, pseudonyms))
        return misses

    def _inside_name(self, found: str, first: int, last: int) -> bool:
        """Whether folded ``found[first:last]`` lies in a registered name (looked for nearby
        only: a whole-document scan would cost as much as ``check``)."""
        if self._names_only is None:
            return False
        pos = max(0, first - self._reach)
        stop = min(len(found), last + self._reach)
        while (m := self._names_only.search(found, pos, stop)) is not None and m.start() <= first:
            if m.end() >= last:
                return True
            pos = m.start() + 1
        return False

    def _close_to(self, word: str, distance: Callable[..., int]) -> tuple[tuple[str, ...], int]:
        """The pseudonyms of the forms ``word`` is at most one edit from, and the shortest
        form's length. No edit at all counts too: a form split where it has no join
        ("Jay-den") is not something ``redact`` replaces."""
        if len(word) < NEAR_MISS_MIN_LENGTH - 1 or word in self._pseudonym_words:
            return (), 0
        found: list[str] = []
        shortest = 0
        for key in _deletions(word):
            for skeleton in self._fuzzy.get(key, ()):
                # Typing slips seldom hit the first letter, and names that differ there are
                # often other names (Jayden, Hayden, Kayden).
                if skeleton[0] == word[0] and distance(word, skeleton, score_cutoff=1) <= 1:
                    found.extend(p for p in self._names[skeleton] if p not in found)
                    shortest = min(shortest or len(skeleton), len(skeleton))
        return tuple(found), shortest


@functools.lru_cache(maxsize=4)
def _built(protected: tuple[Protected, ...]) -> Redactor:
    return Redactor(protected)


def redactor_for(protected: Iterable[Protected]) -> Redactor:
    """A ``Redactor`` for ``protected``, shared with any built for the same entries.

    A ``Redactor`` never changes once built, so one document's builder, checks and
    file name can share one instead of compiling the register's patterns three or
    four times (about 0.2 s each on a register of 400). The key is the entries
    themselves, so a register changed since, by this process or another, builds
    afresh."""
    return _built(tuple(protected))
