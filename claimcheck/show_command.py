"""``claimcheck show [PATH…]``: every claim as claimcheck understood it, in the claim-file schema.

A claim may leave ``about``, ``cues``, ``expect`` and ``lang`` to its sentence
(:mod:`claimcheck.inference`). ``show`` prints each claim with every field filled in, and a
comment naming the rule that read each field the file left out, so that an analyst can check
what will be searched for, or paste the output into the file to freeze it: each file's
``claims:`` list can replace the file's own (its ``lang``, ``sources`` and ``entities`` stay).
"""
from __future__ import annotations

from itertools import groupby
from typing import Iterable, Sequence

from .claims import collect
from .cli import yaml_flow
from .errors import ExitCode, UsageError
from .model import Claim


USAGE = """\
usage: claimcheck show [PATH ...] [options of claimcheck]

Print every claim as claimcheck reads it, in the claim-file schema: the fields the file left
to its sentence filled in, each with a comment naming the rule that read it. Each file's
output can replace its claims: list (its lang, sources and entities stay).

options:
  -h, --help  show this message and exit

The options of 'claimcheck' apply too (-k, --lang, --expect-mismatch, ...: see claimcheck --help)."""


def main(argv: Sequence[str]) -> ExitCode:
    """Print the claims of ``argv``'s paths (options as for ``claimcheck``)."""
    from .cli import prepare
    from .session import Corpora, select, split_node_ids, by_node_ids
    if "-h" in argv or "--help" in argv:
        print(USAGE)
        return ExitCode.OK
    config, plugins, _ = prepare(list(argv))
    if not config.paths:
        raise UsageError("show needs claim files or folders, or [tool.claimcheck] paths")
    matchers = plugins.matchers(config)
    paths, wanted = split_node_ids(config.paths)
    lexicon = Corpora(config, plugins, matchers).lexicon
    claims = select(by_node_ids(collect(paths, config=config, matchers=matchers, lexicon=lexicon), wanted),
                    config.keyword, config.rootdir)
    for path, group in groupby(claims, key=lambda c: c.location.path):
        print("\n".join(render(path.as_posix(), list(group))))
    return ExitCode.OK if claims else ExitCode.NO_CLAIMS_COLLECTED


def render(name: str, claims: Sequence[Claim]) -> list[str]:
    """The lines of one claim file holding ``claims``, every field written out."""
    lines = [f"# {name}, as claimcheck reads it"]
    # the glossary, and the places read from sentences, with their aliases: frozen as they are
    known = {group[0]: list(group[1:]) for claim in claims for group in (*claim.about, *claim.others)
             if len(group) > 1 or group in claim.others}
    if known:
        lines += ["entities:", *(f"  {yaml_flow(entity)}: {yaml_flow(aliases)}" for entity, aliases in known.items())]
    lines.append("claims:")
    for claim in claims:
        rules = {}
        for inferred in claim.inferred:
            rules.setdefault(inferred.field, []).append(inferred.rule)
        lines.append(f"  - id: {yaml_flow(claim.id)}")
        for field, value in _fields(claim):
            comment = f"  # read from the sentence: {', '.join(rules[field])}" if field in rules else ""
            lines.append(f"    {field}: {yaml_flow(value)}{comment}")
    return lines


def _fields(claim: Claim) -> Iterable[tuple[str, object]]:
    yield "claim", claim.text
    yield "lang", claim.lang
    yield "about", [group[0] for group in claim.about]
    yield "cues", list(claim.cues)
    yield "expect", {e.kind: ({"value": e.text, **e.options} if e.options else e.text) for e in claim.expect}
    if claim.tags:
        yield "tags", list(claim.tags)
    if claim.expected is not None:
        yield "verdict", claim.expected.value
