"""``claimcheck draft ARTICLE…``: candidate claims for an analyst to prune, as a claim file.

Each article is read as ``claimcheck`` reads a corpus (its ``sources.yaml`` gives its date and
language); :mod:`claimcheck.drafting` proposes one claim per relation and its values, and
only those the engine reads as supported by their own article are kept. The
output is a claim file, on standard output or in ``-o FILE``, whose ``sources:`` point at the
articles from where the file is, so that ``claimcheck FILE`` runs it at once.
"""
from __future__ import annotations

import os
import sys
import tempfile
from itertools import groupby
from pathlib import Path
from typing import Sequence


from .check import check
from .claims import load
from .cli import yaml_flow
from .corpus import load_corpus
from .drafting import Draft, claim_id, drafts
from .errors import ExitCode, UsageError
from .index import Index
from .model import Document, Verdict
from .reporters.atomic import write_text


def main(argv: Sequence[str]) -> ExitCode:
    from .cli import ArgumentParser, prepare
    parser = ArgumentParser(prog="claimcheck draft", description="Propose claims from articles.")
    parser.add_argument("articles", nargs="+", metavar="ARTICLE", help="article files or folders")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the claim file here")
    args = parser.parse_args(argv)
    sources = [Path(a) for a in args.articles]
    config, plugins, _ = prepare([f"--sources={s}" for s in sources])
    matchers = plugins.matchers(config)
    documents = load_corpus(sources, config=config, hook=plugins.pm.hook)
    lexicon = plugins.lexicon(config)
    candidates = [(d, draft) for d in documents for draft in drafts(d, matchers, lexicon)]
    found = confirmed(candidates, config, matchers, lexicon)
    if len(found) < len(candidates):
        print(f"{len(candidates) - len(found)} candidates left out: claimcheck does not read them as "
              "supported by their own article", file=sys.stderr)
    if not found:
        raise UsageError(f"no claim to draft: no sentence of {', '.join(map(str, sources))} names a "
                         "relation with a value (see 'claimcheck draft --help')")
    text = render(found, sources, (args.output or Path("claims.yaml")).resolve().parent)
    if args.output:
        write_text(args.output, text, flag="-o")  # its folder is created, as for --junitxml
        print(f"{len(found)} claims drafted in {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def confirmed(found: Sequence[tuple[Document, Draft]], config, matchers, lexicon) -> list[tuple[Document, Draft]]:
    """The drafts that claimcheck itself reads as supported by their own article: a draft is
    a claim the article states, and one the engine cannot confirm would only be noise."""
    kept = []
    with tempfile.TemporaryDirectory() as tmp:
        for document, group in groupby(found, key=lambda pair: pair[0]):
            group = list(group)
            path = Path(tmp) / "drafts.yaml"
            path.write_text(render(group, [], Path(tmp)), encoding="utf-8")
            claims = load(path, config=config, matchers=matchers, lexicon=lexicon)
            results = check(claims, Index([document], matchers, lexicon), matchers)
            kept += [pair for pair, result in zip(group, results) if result.verdict is Verdict.SUPPORTED]
    return kept


def render(found: Sequence[tuple[Document, Draft]], sources: Sequence[Path], folder: Path) -> str:
    """The claim file: one claim per draft, each with the article line it was read from."""
    relative = [Path(os.path.relpath(s.resolve(), folder)).as_posix() for s in sources]
    lines = ["# Drafted by claimcheck draft: keep the claims that matter, edit them, delete the rest.",
             *([f"sources: {yaml_flow(relative)}"] if relative else []), "claims:"]
    taken: set[str] = set()
    for document, draft in found:
        lines += [f"  - id: {yaml_flow(claim_id(draft, taken))}  # {document.source}:{draft.line}",
                  f"    claim: {yaml_flow(draft.text)}", f"    lang: {draft.lang}",
                  f"    about: {yaml_flow(list(draft.about))}", f"    cues: {yaml_flow([draft.cue])}",
                  f"    expect: {yaml_flow(dict(draft.expect))}"]
    return "\n".join(lines) + "\n"
