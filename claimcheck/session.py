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
from .analysis import Analyst
from .index import Index
from .keywords import KeywordError, compile_keyword
from .matchers import Matcher
from .model import Claim, Result
from .matcherset import MatcherSet
from .outcome import failed
from .plugins import Plugins
from .query import ClaimQuery
from .relations import Lexicon


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
    name different but overlapping source folders read their shared articles once per set).

    Documents' facts come from the run's :class:`~claimcheck.analysis.Analyst`: the document
    cache (:func:`claimcheck.cache.document_cache`) and the engine the
    ``claimcheck_document_engine`` hook gives (``-n`` worker processes, a Dask cluster). Call
    :meth:`close` at the end of the run to store what was computed last.
    """

    def __init__(self, config: Config, plugins: Plugins, matchers: Mapping[str, Matcher],
                 lexicon: Lexicon | None = None) -> None:
        self.config, self.plugins, self.matchers = config, plugins, matchers
        self.lexicon = lexicon if lexicon is not None else plugins.lexicon(config)
        self._indexes: dict[tuple[Path, ...], Index] = {}
        self._analyst: Analyst | None = None

    def for_claim(self, claim: Claim) -> Index:
        paths = self.config.sources or claim.sources or self.config.default_sources
        if not paths:
            raise UsageError(f"{claim.location}: no corpus for claim '{claim.id}': pass --sources "
                             "or add 'sources:' to the claim file")
        key = tuple(sorted(paths))
        if key not in self._indexes:
            documents = load_corpus(key, config=self.config, hook=self.plugins.pm.hook)
            self._indexes[key] = Index(documents, self.matchers, self.lexicon, self.analyst())
        return self._indexes[key]

    def analyst(self) -> Analyst:
        if self._analyst is None:
            from . import cache, fingerprint
            hook, config = self.plugins.pm.hook, self.config

            def progress(done: int, total: int) -> None:
                hook.claimcheck_progress(stage="documents", done=done, total=total, config=config)
            engine = hook.claimcheck_document_engine(
                config=config, matchers=self.matchers,
                fingerprints=fingerprint.of_matcher_set(self.matchers, self.plugins.versions))
            self._analyst = Analyst(self.matchers, cache=cache.document_cache(config, self.plugins, self.matchers),
                                    engine=engine, progress=progress)
        return self._analyst

    def prefetch(self, claims: Sequence[Claim]) -> dict[str, ClaimQuery]:
        """Read every claim against its index, and get the mentions of every document some
        claim's candidate passages lie in ready, all together (:meth:`Index.prefetch`: from
        the cache, or shared out among worker processes); a document no claim reaches is
        still never extracted.

        :returns: node id → the claim as read against its index, for checking it.
        """
        queries = {}
        reached: dict[int, tuple[Index, set[int]]] = {}
        for claim in (c for c in claims if not c.problem):
            index = self.for_claim(claim)
            query = queries[claim.nodeid] = ClaimQuery(claim, index)
            numbers = reached.setdefault(id(index), (index, set()))[1]
            numbers.update(index.document_of(sid) for sid in query.candidates(index))
        for index, numbers in reached.values():
            index.prefetch(numbers)
        return queries

    def close(self) -> None:
        """Store the facts computed since the last stage, let go of the cache and of the engine."""
        if self._analyst is not None:
            self._analyst.close()


def split_node_ids(paths: Sequence[Path]) -> tuple[list[Path], dict[Path, set[str]]]:
    """``claims/x.yaml::some-id`` (the id ``-v`` prints) → the file, and the ids asked of it.

    :returns: the paths to collect, and for each file named with ids, the ids wanted (a
        file also named without an id keeps all its claims).
    """
    files: list[Path] = []
    wanted: dict[Path, set[str]] = {}
    whole: set[Path] = set()
    for path in paths:
        text = str(path)
        file, sep, claim_id = text.partition("::")
        target = Path(file)
        if target not in files:
            files.append(target)
        if sep:
            wanted.setdefault(target.resolve(), set()).add(claim_id)
        else:
            whole.add(target.resolve())
    return files, {key: ids for key, ids in wanted.items() if key not in whole}


def by_node_ids(claims: Sequence[Claim], wanted: Mapping[Path, set[str]]) -> list[Claim]:
    """The claims ``FILE::ID`` paths ask for, in file order.

    :raises UsageError: an id the file does not hold, with the closest one.
    """
    if not wanted:
        return list(claims)
    found: dict[Path, set[str]] = {}
    kept = []
    for claim in claims:
        ids = wanted.get(claim.location.path.resolve())
        if ids is None or claim.id in ids:
            kept.append(claim)
        found.setdefault(claim.location.path.resolve(), set()).add(claim.id)
    for file, ids in wanted.items():
        for missing in sorted(ids - found.get(file, set())):
            import difflib
            close = difflib.get_close_matches(missing, sorted(found.get(file, ())), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(f"no claim '{missing}' in {_shown(file)}{hint}")
    return kept


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def run(config: Config, plugins: Plugins) -> ExitCode:
    """Check every collected claim; call the reporting hooks; return the exit code."""
    started = time.perf_counter()
    hook = plugins.pm.hook
    matchers = MatcherSet.load(plugins, config)
    paths, wanted = split_node_ids(config.paths)
    lexicon = plugins.lexicon(config)
    claims = by_node_ids(collect(paths, config=config, matchers=matchers, lexicon=lexicon), wanted)
    claims = select(claims, config.keyword, config.rootdir)
    if config.getoption("collect_only"):
        return _list(claims, config)
    from . import cache
    claims = cache.reorder(claims, config)
    hook.claimcheck_sessionstart(claims=claims, config=config)
    results: list[Result] = []
    status = ExitCode.NO_CLAIMS_COLLECTED if not claims else ExitCode.OK
    corpora = Corpora(config, plugins, matchers, lexicon)
    try:
        indexes = _read_corpora(claims, corpora, config)
        queries = corpora.prefetch(claims)
        status = _check_all(claims, indexes, queries, config, matchers, results) if claims else status
    except KeyboardInterrupt:
        status = ExitCode.INTERRUPTED
    finally:
        corpora.close()
        hook.claimcheck_progress(stage="done", done=len(results), total=len(claims), config=config)
    hook.claimcheck_sessionfinish(results=results, exitstatus=status,
                                  duration=time.perf_counter() - started, config=config)
    return status


def _list(claims: Sequence[Claim], config: Config) -> ExitCode:
    """``--co``: the node ids, as pytest's ``--co -q`` prints them; nothing is checked and
    no corpus is read."""
    for claim in claims:
        print(claim.nodeid)
    if config.verbose >= 0:
        print(f"\n{len(claims)} claim{'s' if len(claims) != 1 else ''} collected")
    return ExitCode.OK if claims else ExitCode.NO_CLAIMS_COLLECTED


def _read_corpora(claims: Sequence[Claim], corpora: Corpora, config: Config) -> list[Index]:
    hook = config.pluginmanager.hook
    keys = {tuple(sorted(config.sources or c.sources or config.default_sources)) for c in claims}
    seen: set = set()
    indexes = []
    for claim in claims:
        key = tuple(sorted(config.sources or claim.sources or config.default_sources))
        if key not in seen:
            hook.claimcheck_progress(stage="corpus", done=len(seen), total=len(keys), config=config)
            seen.add(key)
        indexes.append(corpora.for_claim(claim))
    return indexes


def _check_all(claims: Sequence[Claim], indexes: Sequence[Index], queries: Mapping[str, ClaimQuery],
               config: Config, matchers: Mapping[str, Matcher], results: list[Result]) -> ExitCode:
    failures = 0
    for claim, index in zip(claims, indexes):
        result = next(check([claim], index, matchers, conflict=config.conflict, hedged=config.hedged,
                            queries=queries))
        results.append(result)
        config.pluginmanager.hook.claimcheck_progress(stage="check", done=len(results), total=len(claims),
                                                      config=config)
        config.pluginmanager.hook.claimcheck_logresult(result=result, config=config)
        failures += failed(result, config.strict)
        if config.maxfail and failures >= config.maxfail:
            break
    return ExitCode.CLAIMS_FAILED if failures else ExitCode.OK
