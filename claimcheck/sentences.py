"""Sentences and clauses of news text, as character spans.

Both functions return ``(start, end)`` spans into the text they were given (``end``
exclusive), in order, non-overlapping, stripped of surrounding whitespace; together the
spans cover every non-blank character, so nothing is ever dropped: punctuation stays with
the sentence or clause it ends. The rules are deliberately few and local, so that a wrong
split can be explained by pointing at one of them. They are tuned for French and English
news prose.

Sentences (:func:`split_sentences`)
-----------------------------------

1. **Every line break ends a sentence**, but one that cuts a line after a word or a comma
   and goes on in lower case (hard-wrapped text: "un bénéfice net ajusté de près de 11 /
   milliards de dollars"). Headlines, titles, bylines and list items sit on their own
   lines, often without a full stop, and start in upper case or with a bullet.
2. **A terminator** ``.`` ``!`` ``?`` ``…`` (or a run of them: ``?!``, ``...``) ends a
   sentence when it is followed by whitespace and then a *sentence starter*: an uppercase
   letter, a digit, an opening quote or bracket (``«`` ``“`` ``"`` ``'`` ``(`` ``[``), a
   dash ``—``/``–``, a currency sign, or Markdown ``*`` ``_`` ``#``.
   ``Il hésite... puis signe.`` stays whole; ``Il hésite... Puis il signe.`` is two.
3. **A full stop glued to a capitalised word** also ends a sentence, as text pasted from
   the web loses the space: ``Sam Altman.Lancée en 2015`` and ``du WSJ.Microsoft a`` are
   two sentences each. The glued word must look like a word (uppercase then lowercase,
   not followed by ``.x``, ``@`` or ``/``), so ``ASP.NET``, ``www.Example.fr`` and
   ``john.Smith@x.com`` stay whole. Digits never glue: ``1.5``, ``3.000``, ``GPT-3.5``,
   ``1.1.1.1`` and ``openai.com`` are not boundaries.
4. **Closing quotes and brackets belong to the sentence they close:** in
   ``« Nous irons plus loin. » Le PDG`` and ``“We will.” The CEO`` the sentence ends
   after the closing quote (``»`` ``”`` ``)`` ``]`` may follow a space; ``"`` ``'`` ``’``
   ``*`` ``_`` must be glued to the stop, since after a space they open a quote).
   A stop inside a quote followed by lowercase (``« Nous irons. », a-t-il dit``) does not
   end the sentence.
5. **A full stop after an abbreviation does not end a sentence**: titles (``M.`` ``MM.``
   ``Mme`` ``Mlle`` ``Dr.`` ``Pr.`` ``Mr.`` ``Mrs.`` ``Ms.`` ``St.`` ``Jr.``…), company
   suffixes (``Inc.`` ``Corp.`` ``Ltd.`` ``Co.``), references (``No.`` ``p.`` ``art.``
   ``vol.`` ``cf.`` ``vs.`` ``ex.``…) and month abbreviations (``janv.`` ``fév.``
   ``sept.`` ``Oct.``…); the full list is ``ABBREVIATIONS``. So ``Apple Inc. Le
   groupe`` stays one sentence: the rare sentence that really ends on an abbreviation is
   not split. ``etc.`` is *not* in the list: it usually closes an enumeration, so
   ``des pommes, etc. Le marché`` is two sentences.
6. **A full stop after a single letter is an initial**, not an end: ``J. K. Rowling``,
   ``G.W. Bush``, ``U.S.``, ``e.g.``, ``p. 12``, ``av. J.-C.``. (So ``le plan B. Puis``
   is not split either.)
7. **An elided passage** ``(...)``, ``[…]`` inside a quote is not an end.
8. **Everything else is left whole**: run-on sentences without a stop, and titles glued
   to the first line of text without a full stop, cannot be told apart and stay as they
   are.

Splitting is a single scan with one regular expression that never backtracks (possessive
quantifiers, bounded look-behinds), so it runs in linear time on any input, including
``.....``, ``a.b.c.d``, ``1.1.1.1`` or ``M. M. M.`` repeated for megabytes.

Clauses (:func:`split_clauses`)
-------------------------------

Clauses exist to bind a value to its relation: in *Microsoft avait déjà investi 1 milliard
de dollars en 2019, et 2 milliards supplémentaires en 2021* the clauses are *Microsoft
avait déjà investi 1 milliard de dollars en 2019,* and *et 2 milliards supplémentaires en
2021*. Below, a *number* is any word holding a digit.

1. **``;`` ends a clause.** The punctuation stays with the clause on its left.
2. **``:`` ends a clause**, unless it sits between two digits (``10:30``, ``3:1``).
3. **``,`` ends a clause**, unless it sits between two digits (``1,5 milliard``,
   ``1,000,000``).
4. **A stretch without a number does not stand alone before a bare comma**: when a clause
   ended by a comma holds no digit and the next clause does not open with a coordinator
   (rules 5–6), the two are joined. This keeps appositions and openers with what they
   introduce: *Satya Nadella, PDG de Microsoft, a annoncé 10 milliards* and *Selon
   Bloomberg, Microsoft investirait 10 milliards de dollars* stay whole.
5. **A clause starts before** *mais, puis, tandis que, alors que, but, while, whereas*,
   unless a determiner, preposition or one of a few adjectives comes right before it: then
   it is a noun, as in French *à but non lucratif*, *dans le but de*, *son premier but*,
   or English *for a while*.
6. **A clause starts before** *et, ou, and* when one of the next four words is a
   number, or of the next five when the first is a determiner or a possessive: *49 % pour
   les autres investisseurs | et 2 % pour la société mère*, *Le loyer augmente de 3 % | et
   les charges de 5 %*, *9 milliards | et son bénéfice net à 1,3 milliard*; never between two numbers or after
   *entre/between* in the three words before (ranges and alternatives: *entre 2019 et
   2021*, *1 ou 2 milliards*, *between $1bn and $2bn*), and not otherwise (*Microsoft et
   OpenAI ont signé* stays whole). After a comma, rule 3 has already split. (English *or*
   is left out: French *or* means *gold* or *now*.) Known miss: *1 milliard en 2019 et 2
   milliards en 2021*, without a comma, reads as a range and stays whole.
7. **A clause starts before** *soit* when the clause so far holds a number (it restates
   a value: *10 %, soit 2 milliards*; *bien que le marché soit en hausse de 5 %* stays
   whole).
8. **A clause starts before** *pour* / *for* when the clause so far holds a number and
   the rest of it holds a number that is not a bare year: *soit 10 Md$ | pour une
   valorisation globale d'environ 30 Md$*; but *49 % pour Microsoft* and *une hausse de
   5 % pour 2024* stay whole.

A clause boundary at the very start of a clause (*, et*, *; mais*) is not a second split.
"""
from __future__ import annotations

import bisect

import regex

__all__ = ["ABBREVIATIONS", "split_clauses", "split_sentences"]

#: Words after which a full stop does not end a sentence (rule 5), compared exactly.
ABBREVIATIONS = (
    # titles and names
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Dr", "Drs", "Pr", "Prof", "Mr",
    "Mrs", "Ms", "Messrs", "Jr", "Sr", "St", "Ste", "Sts", "Mt", "Gen", "Gén", "Gov",
    "Sen", "Rep", "Col", "Lt", "Capt", "Sgt", "Cdt",
    # companies
    "Inc", "Corp", "Ltd", "Co", "Cie", "Bros",
    # references
    "No", "Nos", "no", "Vol", "vol", "pp", "art", "chap", "fig", "éd", "ed", "coll",
    "dir", "cf", "Cf", "vs", "ex", "env", "approx", "av", "apr", "bd", "Bd", "Ph", "Dept",
    # months
    "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc",
    "Janv", "Févr", "Fév", "Avr", "Juil", "Sept", "Oct", "Nov", "Déc",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
)

_BREAK = "\n\r\v\f\x85\u2028\u2029"
_TERM = ".!?…"
_ABBR = "|".join(sorted(map(regex.escape, ABBREVIATIONS), key=len, reverse=True))

# Closing quotes and brackets after a stop (rule 4); what must follow (rules 2 and 3).
_CLOSERS = r"""(?: [ \t\u00a0\u202f]*+[»”)\]] | ["'’*_] )*+"""
_FOLLOW = r"""(?= \s++[\p{Lu}\p{Lt}\p{Nd}«“‘"'(\[¿¡*_#—–$€£]
              | \p{Lu}\p{Ll}[\p{L}\p{M}]*+(?![.@/]\w) )"""

# One pass, no backtracking: runs are possessive, a run is only entered at its start, and
# for a lone full stop the cheap look-ahead is tried before the abbreviation look-behinds.
_CUT = regex.compile(rf"""
    (?:(?<![\p{{L}}\p{{N}},])[{_BREAK}]|[{_BREAK}](?![ \t\u00a0]*+\p{{Ll}}))\s*+   # rule 1: a line break
  | (?<![{_TERM}(\[])                                   # not inside a run, nor "(...)" (rule 7)
    (?: [!?…]
      | \.(?=[{_TERM}])
      | \.(?={_CLOSERS}{_FOLLOW})(?<!\b\p{{L}}\.)(?<!\b(?:{_ABBR})\.)   # rules 6 and 5
    )
    [{_TERM}]*+ {_CLOSERS} {_FOLLOW}
""", regex.VERBOSE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (see the module docstring for the rules)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CUT.finditer(text):
        _add_stripped(spans, text, start, match.end())
        start = match.end()
    _add_stripped(spans, text, start, len(text))
    return spans


def _add_stripped(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    body = piece.strip()
    if body:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(body)))


# --- clauses -------------------------------------------------------------------------

_CLAUSE = regex.compile(r"""
    (?P<punct>;|(?<!\d):|:(?!\d)|(?<!\d),|,(?!\d))
  | \b(?<!\b(?:à|au|le|un|de|du|pour|son|sa|leur|ce|notre|votre|sans|quel|beau|premier|second
                |deuxième|troisième|dernier|seul|nouveau|même|the|a|my|our|their)\s++)
    (?P<always>(?:mais|puis|but|while|whereas)\b|(?:tandis|alors)\s+qu(?:e\b|['’]))
  | \b(?P<number>et|ou|and)\b(?=(?:\s++(?:son|sa|ses|leur|leurs|le|la|les|its|their|the)\b)?+
                                 (?:\s++[^\s\d]++){0,3}\s++[^\s\d]*+\d)   # rule 6
  | \b(?P<soit>soit)\b
  | \b(?P<pour>pour|for)\b
""", regex.VERBOSE | regex.IGNORECASE)

_DIGIT = regex.compile(r"\d")
_NUMBER = regex.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*+")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_NUMERIC_WORD = regex.compile(r"\d|^[%‰$€£¥]+$")
_RANGE_OPENER = regex.compile(r"^(?:entre|between)$", regex.IGNORECASE)
_OPENER = regex.compile(
    r"(?:mais|puis|but|while|whereas|et|ou|and)\b|(?:tandis|alors)\s+qu(?:e\b|['’])",
    regex.IGNORECASE)


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the clauses of the sentence ``text[start:end]``, in ``text`` offsets."""
    sentence = text[start:end]
    digits = [m.start() for m in _DIGIT.finditer(sentence)]
    amounts = [m.start() for m in _NUMBER.finditer(sentence)
               if not _YEAR.fullmatch(m.group())]

    cuts: list[int] = []          # positions (in sentence) where a clause starts
    late: list[tuple[int, int, str]] = []     # soit / pour, decided once clauses are known
    for match in _CLAUSE.finditer(sentence):
        kind = match.lastgroup
        if kind == "punct":
            cuts.append(match.end())
        elif kind == "always" or (kind == "number" and not _is_range(sentence, match)):
            cuts.append(match.start())
        elif kind in ("soit", "pour"):
            late.append((match.start(), match.end(), kind))
    pieces = _pieces(sentence, cuts)
    pieces = _join_numberless(sentence, pieces, digits)

    spans: list[tuple[int, int]] = []
    for a, b in pieces:
        last = a
        for i in range(bisect.bisect_left(late, (a,)), len(late)):
            at, after, kind = late[i]
            if at >= b:
                break
            if not _has(digits, last, at) or (kind == "pour" and not _has(amounts, after, b)):
                continue
            _add_stripped(spans, sentence, last, at)
            last = at
        _add_stripped(spans, sentence, last, b)
    return [(start + a, start + b) for a, b in spans]


def _is_range(sentence: str, match) -> bool:
    """Rule 6: et/ou/and between two numbers, or after entre/between, makes a range."""
    before = sentence[max(0, match.start() - 80):match.start()].split()[-3:]
    after = sentence[match.end():match.end() + 40].split()[:1]
    if before and after and _NUMERIC_WORD.search(before[-1]) and _DIGIT.search(after[0]):
        return True
    return any(_RANGE_OPENER.match(w) for w in before)


def _pieces(sentence: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Stripped, non-empty stretches between cuts (a cut at a clause start is no cut)."""
    out: list[tuple[int, int]] = []
    last = 0
    for cut in sorted(set(cuts)) + [len(sentence)]:
        _add_stripped(out, sentence, last, cut)
        last = cut
    return out


def _join_numberless(sentence: str, pieces, digits) -> list[tuple[int, int]]:
    """Rule 4: a digitless clause ended by a bare comma joins the next one."""
    out: list[tuple[int, int]] = []
    pending = None
    for i, (a, b) in enumerate(pieces):
        if pending is not None:
            a = pending
            pending = None
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if (nxt and sentence[b - 1] == "," and not _has(digits, a, b)
                and not _OPENER.match(sentence, nxt[0])):
            pending = a
            continue
        out.append((a, b))
    return out


def _has(positions: list[int], a: int, b: int) -> bool:
    """Whether a sorted list of positions holds one in ``[a, b)``."""
    i = bisect.bisect_left(positions, a)
    return i < len(positions) and positions[i] < b
