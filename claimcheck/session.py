"""One run: collect claims → select (-k) → load and index the corpus → check → report."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Mapping, Sequence

from .check import check
from .claims import collect
from .config import Config
from .corpus import load_corpus
from .errors import ExitCode, UsageError
from .index import Index
from .keywords import KeywordError, compile_keyword
from .matchers import Matcher
from .model import Claim, Result
from .matcherset import MatcherSet
from .outcome import failed
from .plugins import Plugins


def select(claims: Sequence[Claim], keyword: str | None, rootdir: Path | None = None) -> list[Claim]:
    """The claims a ``-k`` expression selects (pytest's grammar: and, or, not, parentheses),
    matching case-insensitive substrings of ``file::id`` and whole tags.

    :param rootdir: the file part is taken relative to it, as pytest's node ids are, so
        that the folders above the project (``/home/ci/…``) never match.
    """
    if not keyword:
        return list(claims)
    try:
        predicate = compile_keyword(keyword)
    except KeywordError as err:
        raise UsageError(f"-k {keyword!r}: {err}") from None
    return [claim for claim in claims if predicate(_keyword_matcher(claim, rootdir))]


def _keyword_matcher(claim: Claim, rootdir: Path | None = None):
    path = claim.location.path
    if rootdir is not None and path.is_absolute():
        try:
            path = path.relative_to(rootdir)
        except ValueError:  # a claim file outside the project keeps its full path
            pass
    names = [f"{path.as_posix()}::{claim.id}".lower(), *(tag.lower() for tag in claim.tags)]

    def matches(word: str) -> bool:
        word = word.lower()
        return word in names[0] or word in names[1:]
    return matches


class Corpora:
    """One index per distinct set of source paths, each built once per run (claim files that
    name different but overlapping source folders read their shared articles once per set)."""

    def __init__(self, config: Config, plugins: Plugins, matchers: Mapping[str, Matcher]) -> None:
        self.config, self.plugins, self.matchers = config, plugins, matchers
        self.lexicon = plugins.lexicon(config)
        self._indexes: dict[tuple[Path, ...], Index] = {}

    def for_claim(self, claim: Claim) -> Index:
        paths = self.config.sources or claim.sources or self.config.default_sources
        if not paths:
            raise UsageError(f"{claim.location}: no corpus for claim '{claim.id}': pass --sources "
                             "or add 'sources:' to the claim file")
        key = tuple(sorted(paths))
        if key not in self._indexes:
            documents = load_corpus(key, config=self.config, hook=self.plugins.pm.hook)
            self._indexes[key] = Index(documents, self.matchers, self.lexicon)
        return self._indexes[key]


def run(config: Config, plugins: Plugins) -> ExitCode:
    """Check every collected claim; call the reporting hooks; return the exit code."""
    started = time.perf_counter()
    hook = plugins.pm.hook
    matchers = MatcherSet.load(plugins, config)
    claims = select(collect(config.paths, config=config, matchers=matchers), config.keyword,
                    config.rootdir)
    hook.claimcheck_sessionstart(claims=claims, config=config)
    results: list[Result] = []
    status = ExitCode.NO_CLAIMS_COLLECTED if not claims else ExitCode.OK
    try:
        corpora = Corpora(config, plugins, matchers)
        indexes = [corpora.for_claim(claim) for claim in claims]
        status = _check_all(claims, indexes, config, matchers, results) if claims else status
    except KeyboardInterrupt:
        status = ExitCode.INTERRUPTED
    hook.claimcheck_sessionfinish(results=results, exitstatus=status,
                                  duration=time.perf_counter() - started, config=config)
    return status


def _check_all(claims: Sequence[Claim], indexes: Sequence[Index], config: Config,
               matchers: Mapping[str, Matcher], results: list[Result]) -> ExitCode:
    failures = 0
    for claim, index in zip(claims, indexes):
        result = next(check([claim], index, matchers, conflict=config.conflict, hedged=config.hedged))
        results.append(result)
        config.pluginmanager.hook.claimcheck_logresult(result=result, config=config)
        failures += failed(result, config.strict)
        if config.maxfail and failures >= config.maxfail:
            break
    return ExitCode.CLAIMS_FAILED if failures else ExitCode.OK
