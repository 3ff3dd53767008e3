"""Plain-language claims against their explicit form: same verdicts? same expected values?

Every claim of the given claim files is rewritten as a bare sentence (its ``claim:`` with its
id, tags and declared verdict; ``about``, ``cues``, ``expect`` and ``lang`` left out, the
file's ``sources`` and ``entities`` kept, its ``lang`` too with ``--keep-lang``), beside the
original, and removed after. Both forms are
checked by ``claimcheck``; the script prints, per file:

- how many verdicts the two forms share, and each disagreement (a bare claim refused at
  load, with its message, counts as one);
- how many claims have their explicit ``expect`` values all read back from the sentence
  (what ``claimcheck show`` prints for the bare form).

    python benchmarks/plain/agreement.py claims/*.yaml benchmarks/realnews/dev/claims/*.yaml
    python benchmarks/plain/agreement.py --keep-lang claims/seeds.yaml   # keep the file's lang

A real-news set whose texts are not rebuilt is skipped with a message.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from claimcheck.claims import load
from claimcheck.config import Config, find_root, ini_options
from claimcheck.errors import ClaimcheckError
from claimcheck.inference import states
from claimcheck.matchers import Agreement
from claimcheck.plugins import Plugins

KEPT = ("id", "claim", "tags", "verdict")


def bare(path: Path, keep_lang: bool) -> dict:
    """The claim file with every claim reduced to its sentence."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not keep_lang:
        data.pop("lang", None)
    data["claims"] = [{k: c[k] for k in KEPT if k in c} for c in data["claims"]]
    return data


def verdicts(path: Path, cwd: Path) -> tuple[dict[str, str], str]:
    # The report quotes the pages: it goes to a temporary folder, never beside the claims.
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "r.json"
        run = subprocess.run([sys.executable, "-m", "claimcheck", str(path), "-q", "-p", "no:cacheprovider",
                              "--allow-outside-root", "--json", str(report)],
                             cwd=cwd, capture_output=True, text=True)
        if not report.is_file():
            return {}, (run.stderr.strip().splitlines() or ["no report"])[-1]
        return {c["id"]: c["verdict"] for c in json.loads(report.read_text(encoding="utf-8"))["claims"]}, ""


def expect_read_back(original: Path, plain: Path, matchers, config: Config,
                     refused: set[str]) -> tuple[int, list[str]]:
    explicit = load(original, config=config, matchers=matchers)
    inferred = {c.id: c for c in load(plain, config=config, matchers=matchers)}
    same, misses = 0, []
    for claim in explicit:
        if claim.id in refused:
            continue
        read = {e.kind: e for e in inferred[claim.id].expect}
        ok = all(f.kind in read and _agrees(matchers[f.kind], f, read[f.kind]) for f in claim.expect)
        same += ok
        if not ok:
            misses.append(f"{claim.id}: expect {', '.join(f'{f.kind}: {f.text}' for f in claim.expect)}; "
                          f"read {', '.join(f'{e.kind}: {e.text}' for e in read.values()) or 'nothing'}")
    return same, misses


def _agrees(matcher, facet, read) -> bool:
    from claimcheck.model import Mention
    mention = Mention(kind=read.kind, start=0, end=len(read.text), text=read.text, value=read.value)
    return states(matcher, facet, mention) is Agreement.MATCH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--keep-lang", action="store_true", help="keep the file's lang (else detected)")
    args = parser.parse_args()
    totals = [0, 0, 0, 0]
    for original in args.files:
        texts = original.parent.parent / "texts"
        if (texts / "sources.yaml").is_file() and not any(texts.glob("*.txt")):
            print(f"{original}: skipped, its texts are not rebuilt (benchmarks/realnews/README.md)")
            continue
        # Beside the original, so that its sources and the project's plugins are the same.
        plain = original.with_name(f"{original.stem}.plain.yaml")
        try:
            counts = compare(original, plain, args.keep_lang)
        finally:
            plain.unlink(missing_ok=True)
        totals = [a + b for a, b in zip(totals, counts)]
    print(f"all: verdicts {totals[0]}/{totals[1]} = {totals[0] / max(totals[1], 1):.3f}; "
          f"expect read back {totals[2]}/{totals[3]} = {totals[2] / max(totals[3], 1):.3f}")


def compare(original: Path, plain: Path, keep_lang: bool) -> list[int]:
    """Print the file's agreement; return [same verdicts, claims, expects read back, claims]."""
    folder = original.parent.resolve()
    root, inifile = find_root(folder)
    config = Config(rootdir=root, allow_outside_root=True)
    plugins = Plugins()
    plugins.load_builtins()
    plugins.load_installed()
    plugins.load_folder(root / ini_options(inifile).get("plugins_dir", "plugins"))
    matchers = plugins.matchers(config)
    data = bare(original, keep_lang)
    refused = {}
    for claim in list(data["claims"]):
        plain.write_text(yaml.safe_dump({**data, "claims": [claim]}, allow_unicode=True), encoding="utf-8")
        try:
            load(plain, config=config, matchers=matchers)
        except ClaimcheckError as err:
            refused[claim["id"]] = err.message
            data["claims"].remove(claim)
    plain.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    want, error = verdicts(original.resolve(), folder)
    got, plain_error = verdicts(plain.resolve(), folder) if data["claims"] else ({}, "")
    if error or plain_error:
        print(f"{original}: refused: {error or plain_error}")
        return [0, 0, 0, 0]
    agree = [i for i in want if got.get(i) == want[i]]
    same, misses = expect_read_back(original, plain, matchers, config, set(refused))
    print(f"{original}: verdicts {len(agree)}/{len(want)} = {len(agree) / max(len(want), 1):.3f}; "
          f"expect read back {same}/{len(want)} = {same / max(len(want), 1):.3f}")
    for i in want:
        if i in refused:
            print(f"    refused {i}: {refused[i]}")
        elif got.get(i) != want[i]:
            print(f"    verdict {i}: explicit {want[i]}, plain {got.get(i, 'missing')}")
    for line in misses:
        print(f"    expect {line}")
    return [len(agree), len(want), same, len(want)]


if __name__ == "__main__":
    main()
