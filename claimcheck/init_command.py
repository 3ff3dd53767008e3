"""``claimcheck init [FOLDER]``: a minimal project that runs green at once.

It writes a ``[tool.claimcheck]`` section (into an existing pyproject.toml, or a new one), a
sample article with its ``sources.yaml``, and a claim file of plain-language claims on it, then
says what to run. Nothing that exists is overwritten: a folder that already holds any of those
files, or a pyproject.toml that already has the section, is refused before anything is written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .errors import ExitCode, UsageError

SECTION = """[tool.claimcheck]
paths = ["claims"]
sources = ["articles"]
"""

ARTICLE = """\
Globex relève ses objectifs après une année record

Le fabricant de robots industriels Globex a publié mardi ses résultats annuels. Son chiffre \
d'affaires a atteint 2,4 milliards d'euros en 2025, en hausse de 12 % sur un an.
Le bénéfice net du groupe s'est établi à 310 millions d'euros, contre 255 millions un an plus tôt.
Globex emploie désormais 9 800 salariés et proposera un dividende de 1,40 euro par action.
"""

SOURCES = """\
# Publication date and language of each article (relative dates such as "mardi" resolve against it).
globex-2025.md: {date: 2026-02-10, lang: fr}
"""

CLAIMS = """\
# Claims in plain language: each sentence is read like an article sentence (claimcheck show
# prints what was read). Add about:, cues: or expect: to a claim to say it yourself.
claims:
  - Globex a réalisé un chiffre d'affaires de 2,4 milliards d'euros en 2025.
  - Le chiffre d'affaires de Globex a progressé de 12 % en 2025.
  - Le bénéfice net de Globex s'est établi à 310 millions d'euros.
  - Globex emploie 9 800 salariés.
"""

FILES = {Path("articles") / "globex-2025.md": ARTICLE, Path("articles") / "sources.yaml": SOURCES,
         Path("claims") / "globex.yaml": CLAIMS}


def main(argv: Sequence[str]) -> ExitCode:
    from .cli import ArgumentParser
    parser = ArgumentParser(prog="claimcheck init", description="Start a claimcheck project.")
    parser.add_argument("folder", nargs="?", default=".", type=Path, help="where (default: here)")
    folder = parser.parse_args(argv).folder
    pyproject = folder / "pyproject.toml"
    existing = [str(folder / f) for f in FILES if (folder / f).exists()]
    if existing:
        raise UsageError(f"not overwriting {', '.join(existing)}: run claimcheck init in another folder")
    text = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
    if "[tool.claimcheck]" in text:
        raise UsageError(f"{pyproject} already has a [tool.claimcheck] section: this is a claimcheck project")
    for name, content in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    pyproject.write_text(text + ("\n" if text and not text.endswith("\n\n") else "") + SECTION, encoding="utf-8")
    written = [pyproject.as_posix() + (" ([tool.claimcheck] added)" if text else ""),
               *((folder / f).as_posix() for f in FILES)]
    print("Wrote\n  " + "\n  ".join(written))
    where = "" if folder == Path(".") else f"cd {folder} && "
    print(f"\nNext: {where}claimcheck        (checks claims/ against articles/)\n"
          f"      {where}claimcheck show   (prints each claim as it was read)")
    return ExitCode.OK
