"""``claimcheck extract FILE…``: print the mentions the matchers find, as text or JSON."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .api import extract
from .cli import print_json
from .config import reference_date
from .corpus import MAX_ARTICLE_BYTES, SkipFile, decode
from .errors import ExitCode, SourceError, UsageError
from .model import Location
from .safefs import read_regular


def main(argv: Sequence[str]) -> ExitCode:
    from .cli import ArgumentParser
    parser = ArgumentParser(prog="claimcheck extract",
                                     description="Print the amounts, dates and percentages found in files.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="text files ('-' for standard input)")
    parser.add_argument("--lang", choices=("fr", "en"), help="language (default: read both)")
    parser.add_argument("--date", help="reference date YYYY[-MM[-DD]] for relative dates")
    parser.add_argument("--kind", dest="kinds", action="append", help="only this kind (repeatable)")
    parser.add_argument("--json", action="store_true", help="JSON output")
    args = parser.parse_args(argv)
    try:
        ref = reference_date(args.date) if args.date else None
    except ValueError as err:
        raise UsageError(f"--date: {err}") from None
    rows = []
    for name in args.files:
        text = _read(name)
        try:
            found = extract(text, lang=args.lang, ref_date=ref, kinds=args.kinds)
        except ValueError as err:
            raise UsageError(str(err)) from None
        rows += [_row(name, text, m) for m in found]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['file']}:{row['line']}:{row['start']}-{row['end']} {row['kind']:<10} "
                  f"{row['text']!r} = {row['value']}")
    return ExitCode.OK


def _read(name: str) -> str:
    """A file's text; a special file (a FIFO, /dev/zero) is refused unread, a binary one
    after its first bytes, each with a SourceError (exit 4)."""
    if name == "-":
        import sys
        return sys.stdin.read()
    path = Path(name)
    try:
        return decode(read_regular(path, MAX_ARTICLE_BYTES), path)
    except ValueError as err:
        raise SourceError(f"is {err}, not a file: name a text file", Location(path=path)) from None
    except SkipFile as skip:
        raise SourceError(f"not text: {skip.reason}", Location(path=path)) from None
    except OSError as err:
        raise SourceError(f"cannot read it: {err.strerror or err}", Location(path=path)) from None


def _row(name: str, text: str, mention) -> dict:
    return {"file": name, "line": text.count("\n", 0, mention.start) + 1, "start": mention.start,
            "end": mention.end, "kind": mention.kind, "text": mention.text, "value": str(mention.value),
            "qualifier": getattr(mention.value, "qualifier", None)}
