"""Keep the names of children and their families out of every paper meant for circulation.

A register of ``Protected`` people (real name, other forms of it, pseudonym) builds a ``Redactor``.
``redact`` puts the pseudonym in place of every registered name form; ``check`` is the last gate
before a file is written and raises ``RedactionError`` if any form is still there. The error names
pseudonyms only, never a real name, so it is safe to show, log or email. ``near_misses`` lists
words one letter from a registered form ("Kaydn" for "Kayden"): likely the name misspelt, which
nothing here replaces, for a person to look at.

How matching works
------------------
Both functions share one scanner, so whatever ``check`` would find, ``redact`` has replaced (a
property test holds them to that). The text is first *folded* into a comparison form, keeping for
each folded character the span of the original text it came from:

1. Markdown backslash escapes before ASCII punctuation are undone (``Ellie\\-Mae``, ``O\\'Brien``);
   any other backslash (``Harr\\ington``, ``C:\\files\\ellie``) becomes an invisible mark (step 3).
2. HTML character references are decoded (``&#39;``, ``&#x27;``, ``&amp;``, ``&eacute;``; named
   ones only with their ``;``, numeric ones also without it; ``&amp;#39;`` too).
3. Each character: any whitespace (line breaks, tabs, NBSP) -> a space; hyphens and dashes -> ``-``;
   apostrophe look-alikes (``’ ‘ ` ´ ʼ``) -> ``'``; invisible format and control characters
   (U+200B, U+200C, U+200D, U+2060, U+FEFF, soft hyphen, bidi controls, tag characters) and
   characters drawn blank (Hangul fillers U+3164, U+115F, U+1160, U+FFA0, the braille blank
   U+2800, variation selectors, the combining grapheme joiner) -> one *mark*; otherwise NFKD,
   combining marks dropped, a few letters with no decomposition spelt plainly (``ø``->o,
   ``ł``->l, ``æ``->ae, ``ß``->ss ...), letters of other scripts that look Latin as the Latin
   letters they look like, and casefolded. So ``Élodie``, ``ELODIE``, ``E\\u0301lodie`` (NFD),
   full-width ``Ｅｌｏｄｉｅ`` and ``Еlodie`` (Cyrillic Е) all fold to ``elodie``.
4. A line that holds right-to-left letters or bidi controls (RLM, ALM, RLE, RLO, RLI) is folded
   a second time in the order it is *displayed* (UAX #9, cut down to what moves letters: see
   ``_visual_order``), under a left-to-right and a right-to-left paragraph, and that copy is
   scanned too. So ``<RLO>nedyaJ``, which shows as "Jayden", is found.

Look-alikes come from Unicode TR39's confusables (the data the ``confusable_homoglyphs``
package ships), read once, on the first character that needs them: a letter or digit whose
TR39 prototype is Latin letters (``а`` ``е`` ``о`` ``р`` ``с`` ``у`` ``і`` ``ј``, Greek ``Α``
``Ν`` ``Ο`` ``ο`` ``ν``, Latin alpha ``ɑ``, Cherokee ``Ꭺ``, Armenian ``օ``), and small capitals
(``ᴊᴀʏᴅᴇɴ``). It is looked up before case folding, as Greek capital Nu looks like N and its
small letter like v; a capital TR39 gives as l (it draws I as l) counts as I.

A name form is folded the same way into its *skeleton* (its letters) and the places where its parts
join (space, hyphen, apostrophe, dot). One regular expression holds every skeleton, longest first:
between any two letters may stand marks and Markdown emphasis markers (``* _ ~``); at a join any
run of spaces, hyphens, apostrophes, dots, marks or markers, including none. Why one folded scan
rather than a pattern of accented character classes per name: folding gets NFD, ligatures,
look-alikes, entities and escapes right once for every name, and the span map puts each
replacement exactly on the original text.

Rules decided
-------------
- **Whole words.** A letter or digit may not touch either end of a match; ``_`` and all punctuation
  may, so ``*Ellie*``, ``_Ellie_``, ``[Ellie]``, ``Ellie|``, ``(Ellie)``, ``Ellie.``, ``Ellie\\`` and
  ``ellie_report.pdf`` match; ``Ellies`` and ``Harringtonshire`` do not. A mark counts as a
  boundary, so ``x<U+200B>Ellie`` is caught (errs towards refusing).
- **Possessives.** ``Ellie's``/``Ellie’s`` -> ``Child A's``/``Child A’s`` (the suffix is left as
  typed). ``James'`` -> ``Child D's``, unless an apostrophe opens the name too (``'James'`` is a
  quotation). The plural possessive ``Harringtons'`` -> ``Child A's``. A bare plural (``the
  Harringtons``) is *not* matched, because ``Mark``/``marks`` or ``Hope``/``hopes`` would
  false-alarm: register ``Harringtons`` as a form if the family is spoken of that way (it is
  a near miss of ``Harrington``, so it is reported).
- **Joins are equivalent.** ``Ellie-Mae``, ``Ellie Mae``, ``Ellie–Mae``, ``Ellie-\\nMae``,
  ``EllieMae`` and ``O'Brien``, ``O’Brien``, ``OBrien``, ``O Brien`` match each other. Forms with the
  same skeleton are one form, and their joins are pooled.
- **Emphasis typed inside a name** (``Jay*den*``, ``**Jay**den``, ``O*konkwo*``, ``~~Jay~~den``)
  is what every reader shows as "Jayden", so it is the name. The pseudonym replaces the name
  together with the markers before and after it that pair with markers inside it, the way
  CommonMark pairs them: all of those become a plain ``Child A``, ``**Jay*den* said**`` becomes
  ``**Child A said**``, and emphasis round a whole name stays (``**Ellie**`` -> ``**Child A**``).
  A marker with no partner is left outside (``*Jay*den*`` -> ``Child A*``). An underscore inside
  a word is no emphasis in CommonMark, so ``Jay_den_`` -> ``Child A_``, as it was shown.
- **Bidi.** A name found only in display order is replaced from the first to the last of the
  characters that show it (bidi controls between them go too), and its pseudonym is put in an
  LRI ... PDI isolate, so that it reads the right way round inside an override. An override
  (RLO, LRO) or embedding ends at its PDF or at the end of the line: a renderer that joins the
  lines of a Markdown paragraph may carry one further, which is not modelled.
- **A replacement that completes a name.** When a pseudonym, with the text just after or before
  it, reads as a registered name (``A-Aa`` typed as ``a-Aaa-Aa``: the "A" of "Child A" and the
  "-Aa" left over), or a replacement took a bidi control that reordered its line, ``redact``
  goes over its own output again, so ``check`` passes on whatever ``redact`` returns.
- **Longest form wins** at any position (``Ellie-Mae Harrington`` before ``Ellie``). Pseudonyms are in
  the same scan and are left alone, so redaction is idempotent and a surname that is part of a
  pseudonym (``Child``) does not turn ``Child A`` into ``Child A A``. The cost: ``Child`` then also
  replaces the ordinary word "child" everywhere, and the text "Child A" reads as the pseudonym,
  unless a registered name starts inside it and runs on past it ("the child O'Brien" with a
  "Child O" registered is a name). Pseudonyms are trusted text; do not put a real name in one.
- **Shared forms.** A form registered for several people (siblings' surname) becomes all their
  pseudonyms: ``Harrington`` -> ``Child A / Child B``. The joiner has no letters: a word such
  as "or" could itself be a registered name ("Or" is a given name), which the final check
  would then find in the redacted text.
- **Minimum length.** A form needs at least ``MIN_FORM_LENGTH`` (2) characters once spaces,
  hyphens, apostrophes and dots are left out, else ``ValueError`` from ``Protected``. Two-letter forms are accepted but risky: ``Jo`` also hits the initials "JO" in an
  attendance table, since case is ignored. A form that reads as a pseudonym is refused.
- **Look-alikes cost a little:** a Greek word that looks like a registered name is replaced
  (``και`` reads "kai", so with "Kai" registered it goes). Symbols TR39 also lists stay symbols
  (``∣`` for l, ``×`` for x, ``∞`` for oo): as letters, a table rule or a sign beside a name would
  glue to it and hide it. The four drawn only as letters (``⍺ ⍳ ⍴ ℮``) are folded.

Near misses (reported, not redacted)
------------------------------------
``near_misses`` finds words at most one edit from a registered form (a letter changed, added,
dropped, or two neighbours swapped: OSA distance, from ``rapidfuzz``), compared folded, so case,
accents and look-alikes do not count. A word whose letters *are* a form's but which ``redact``
does not replace ("Jay-den": a hyphen where the form has no join) is one too. To keep false
alarms rare:

- only forms of one word (``Ellie-Mae`` and ``O'Brien`` are one word; ``Ellie Mae`` is two)
  with at least ``NEAR_MISS_MIN_LENGTH`` (5) letters: "Mark"/"Mary", "Hope"/"Hops",
  "Jon"/"Jan" never come up;
- the word starts with the form's first letter (slips seldom hit it, and names that differ
  there are often other names: Jayden, Hayden, Kayden);
- for a form shorter than ``NEAR_MISS_ANY_CASE`` (7) letters, only a word typed with a
  capital, and never typed in lowercase elsewhere in the document ("White": "While" and
  "Write" start sentences, but "while" and "write" give them away);
- never a name ``redact`` replaces or a word inside one, a word of a pseudonym, or a word the
  caller passes as ``known`` (the professionals' own names).

Measured: over the sample partnership's papers (every meeting's minutes and both logs,
redacted and not: 26 documents, 126,000 characters), no near miss. Over the standard library's
docstrings (1.6 million characters) against 50 realistic people and 200 forms, surnames that
are words included (White, Green, Wood, Parker, Moore, Mason), two: "Löwis" for "Lewis" and
"Robert" for "Roberts", both names. Without the capital rules that was 792 (more, write,
archive, parser, while ...); with the first letter free, three ("Barry" for "Harry").

Not covered
-----------
Redacted: all of the above, look-alikes, bidi, blank fillers and emphasis inside a name
included. Reported only: misspellings one edit away, as above. Neither: ASCII digits for
letters (``J0nes``, ``E11ie``), names spelt out with spaces between letters or split by a space
where the form has none ("Jay den"), misspellings two edits away or at the first letter,
a short form misspelt in lowercase, misspellings of forms of several words (the one-word forms
beside them are looked at), and a name broken up by HTML tags (``K<i></i>ayden``: the export
writer checks the rendered text for that). ``check`` is a net, not a proof.

Speed (measured, not asserted, on a busy shared two-core machine where one run differs from
the next by a fifth or more; best of 21, the previous version of this module in the same
run): a 2,000-line, 176,000-character document with 50 registered people and 200 name forms
redacts in 80 to 105 ms (the previous version: 70 to 85) and checks in about 77 ms (72); with
accents, entities and escapes throughout, 125 to 165 ms (85 to 125) and 90 to 125 ms (85 to
110). ``near_misses`` takes 85 to 100 ms on the redacted document and 135 to 190 ms on the
unredacted one, whose every name it looks at and sets aside: about one ``redact``. The
previous version measured 14 and 13 ms on a faster machine, so expect about a sixth of these
there (``near_misses``: some 15 to 30 ms). Building a ``Redactor`` takes about 5 ms (3); the
look-alike table, once per process and only for a text with a letter outside Latin, 50 to 70
ms.
"""

# The subject here is look-alike characters; the docstring and tables have to show them.
# ruff: noqa: RUF002

from __future__ import annotations

from store.domain.redact.folding import MIN_FORM_LENGTH, NEAR_MISS_ANY_CASE, NEAR_MISS_MIN_LENGTH
from store.domain.redact.records import NearMiss, Protected, RedactionError
from store.domain.redact.redactor import Redactor, redactor_for

__all__ = [
    "MIN_FORM_LENGTH",
    "NEAR_MISS_ANY_CASE",
    "NEAR_MISS_MIN_LENGTH",
    "NearMiss",
    "Protected",
    "RedactionError",
    "Redactor",
    "redactor_for",
]
