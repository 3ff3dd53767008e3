"""Find passages of real pages that crept into the project's code, tests or docs.

Pages' sentences may not be copied into the project: test articles and examples are written in
our own words. This reads the rebuilt, git-ignored texts of every set here and lists each
tracked file that shares a run of WORDS consecutive words with one of them.

    python benchmarks/realnews/check_copies.py            # exit 1 when something is found
    python benchmarks/realnews/check_copies.py --words 8

Sets whose texts are not rebuilt are skipped, with a message; with no texts at all it exits 0.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHECKED = ("claimcheck/", "tests/", "plugins/", "claims/", "docs/", "README")
WORD = regex.compile(r"\w+")


def shingles(text: str, size: int) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def page_shingles(size: int) -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in sorted(p for p in HERE.iterdir() if (p / "texts").is_dir()):
        texts = sorted((folder / "texts").glob("*.txt"))
        if not texts:
            print(f"{folder.name}: texts not rebuilt, skipped (see benchmarks/realnews/README.md)")
        for text in texts:
            for shingle in shingles(text.read_text(encoding="utf-8", errors="replace"), size):
                found.setdefault(shingle, text.name)
    return found


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", *CHECKED], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split("\n")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=8, help="run length that counts as a copy")
    args = parser.parse_args(argv)
    pages = page_shingles(args.words)
    copies = 0
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        shared = sorted(shingles(text, args.words) & pages.keys())
        if shared:
            copies += 1
            print(f"{path.relative_to(ROOT)}: {len(shared)} runs shared with {pages[shared[0]]}, "
                  f"e.g. {shared[0]!r}")
    print(f"{copies} files share a run of {args.words} words with a real page")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main())
