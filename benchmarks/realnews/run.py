#!/usr/bin/env python3
"""Score claimcheck on real news pages: one or more claim sets with hand-judged verdicts.

    python benchmarks/realnews/run.py [SET ...] [--misses]

A SET is a folder of this one (``dev``, ``batch1`` …) holding ``claims/*.yaml``, ``gold.yaml``
and ``texts/sources.yaml``. A set holding a ``SEALED`` file has never been run: it runs only
when named, so that its first run, the figure that predicts what users see, is taken on
purpose (then delete ``SEALED`` and record the figure in docs/accuracy.md). The page texts themselves are never committed: rebuild them into
``SET/texts/`` as README.md says. A set whose texts are missing is skipped with a message, so
the benchmark never fails for want of them. Prints, per set and language, how many claims
got their hand-judged verdict (or one the gold accepts), and with ``--misses`` every miss.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plain"))
from agreement import bare  # noqa: E402

HERE = Path(__file__).resolve().parent


def sets(names: list[str]) -> list[Path]:
    if names:
        return [HERE / name for name in names]
    found = sorted(p for p in HERE.iterdir() if (p / "gold.yaml").is_file())
    for folder in found:
        if (folder / "SEALED").exists():
            print(f"{folder.name}: sealed, not run (name it to run it: its first run is the honest figure)")
    return [p for p in found if not (p / "SEALED").exists()]


def missing_texts(folder: Path) -> list[str]:
    listing = folder / "texts" / "sources.yaml"
    if not listing.is_file():
        return [str(listing.relative_to(folder))]
    listed = yaml.safe_load(listing.read_text(encoding="utf-8")) or {}
    return [name for name in listed if not (folder / "texts" / name).is_file()]


def run(folder: Path, plain: bool = False) -> dict[str, str]:
    """Each claim file's verdicts; a file claimcheck refuses (exit 4) is named with its error,
    and its claims count as misses, as they would for a user. With ``plain``, each claim is
    checked as its bare sentence (``benchmarks/plain/agreement.py``'s rewriting)."""
    verdicts = {}
    for original in sorted((folder / "claims").glob("*.yaml")):
        if original.name.endswith(".plain.yaml"):
            continue
        claims = original
        if plain:
            claims = original.with_name(f"{original.stem}.plain.yaml")
            claims.write_text(yaml.safe_dump(bare(original, keep_lang=False), allow_unicode=True, sort_keys=False),
                              encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "r.json"
            done = subprocess.run([sys.executable, "-m", "claimcheck", str(claims), "-q", "-p", "no:cacheprovider",
                                   "--allow-outside-root", "--json", str(report)],
                                  cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if not report.is_file():
                print(f"{folder.name}/{claims.name}: refused: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
                continue
            verdicts.update({c["id"]: c["verdict"] for c in json.loads(report.read_text(encoding="utf-8"))["claims"]})
        if plain:
            claims.unlink()
    return verdicts


def score(folder: Path, show_misses: bool, plain: bool = False) -> None:
    absent = missing_texts(folder)
    if absent:
        print(f"{folder.name}: skipped, {len(absent)} texts are not rebuilt (e.g. texts/{absent[0]}); "
              f"see benchmarks/realnews/README.md")
        return
    got = run(folder, plain)
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    for lang in ("en", "fr"):
        ids = [i for i in gold if i.startswith(lang + "-")]
        if not ids:
            continue
        misses = [i for i in ids if got.get(i) not in {gold[i]["verdict"], *gold[i].get("accept", [])}]
        right = len(ids) - len(misses)
        print(f"{folder.name} {lang}{' (plain)' if plain else ''}: {right}/{len(ids)} = {right / len(ids):.3f}")
        if show_misses:
            for i in misses:
                print(f"    {i}: expected {gold[i]['verdict']}, got {got.get(i, 'missing')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set folders (default: every one here)")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--plain", action="store_true", help="check each claim as its bare sentence")
    args = parser.parse_args()
    for folder in sets(args.sets):
        score(folder, args.misses, args.plain)


if __name__ == "__main__":
    main()
