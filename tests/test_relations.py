"""The relation lexicon: built-in data, users' files, plugins' hook, and its errors."""
from pathlib import Path

import pytest

from claimcheck import hookimpl
from claimcheck.errors import UsageError
from claimcheck.plugins import Plugins
from claimcheck.relations import Lexicon, Relation, builtin, load_file
from claimcheck.words import phrase

ARTICLE = "Globex a publié ses comptes. Son excédent de trésorerie atteint 3 milliards d'euros.\n"


def test_builtin_lexicon_has_both_languages():
    lexicon = Lexicon(builtin())
    assert lexicon.relation_of("résultat net", "fr") == ("net_income", True)
    assert lexicon.relation_of("net profit", "en") == ("net_income", True)
    assert lexicon.relation_of("levé", "fr") == ("funding", False)  # a verb: no synonyms
    assert lexicon.relation_of("licornes", "fr") == (None, False)


def test_longest_phrase_wins_where_two_overlap():
    words = phrase("Le bénéfice par action de Globex et son bénéfice net progressent.")
    found = Lexicon(builtin()).mentions(words, "fr")
    assert [(m.relation, words[m.first:m.last + 1]) for m in found] == [
        ("eps", ("benefice", "par", "action")), ("net_income", ("benefice", "net"))]


def test_a_verb_does_not_compete_as_a_noun_of_the_same_stem():
    words = phrase("Globex va investir 7 milliards dans la formation.")
    assert Lexicon(builtin()).mentions(words, "fr") == []


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_users_file_adds_phrases_to_a_builtin_relation(tmp_path):
    own = write(tmp_path / "rel.yaml", "lang: fr\nrelations:\n  free_cash_flow: [excédent de trésorerie]\n")
    lexicon = Lexicon(builtin() + load_file(own))
    assert lexicon.relation_of("excédent de trésorerie", "fr") == ("free_cash_flow", True)
    assert "flux de trésorerie disponible" in lexicon.relations("fr")["free_cash_flow"]


@pytest.mark.parametrize("text, message", [
    ("relations: {x: [a]}\n", "needs 'lang: fr' or 'lang: en'"),
    ("lang: de\nrelations: {x: [a]}\n", "needs 'lang: fr' or 'lang: en'"),
    ("lang: fr\nrelations: {x: a}\n", "relation 'x' must be a list of phrases"),
    ("lang: fr\nrelations: {x: [a, 3]}\n", "relation 'x' must be a list of phrases"),
    ("lang: fr\nrelations: [\n", "is not valid YAML"),
])
def test_a_bad_lexicon_file_is_a_usage_error_naming_it(tmp_path, text, message):
    bad = write(tmp_path / "bad.yaml", text)
    with pytest.raises(UsageError) as err:
        load_file(bad)
    assert str(bad) in str(err.value) and message in str(err.value)


def test_a_plugin_extends_the_lexicon_through_the_hook():
    class Plugin:
        @hookimpl
        def claimcheck_register_relations(self):
            return [Relation(name="free_cash_flow", lang="fr", phrases=("excédent de trésorerie",), source="test")]

    plugins = Plugins()
    plugins.load_builtins()
    plugins.register(Plugin(), "mine", "test")
    lexicon = plugins.lexicon(None)
    assert lexicon.relation_of("excédent de trésorerie", "fr") == ("free_cash_flow", True)
    assert lexicon.relation_of("chiffre d'affaires", "fr") == ("revenue", True)


def test_relations_in_pyproject_reach_the_run(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\n'
                                       'relations = ["rel.yaml"]\n')
    write(tmp_path / "rel.yaml", "lang: fr\nrelations:\n  free_cash_flow: [excédent de trésorerie]\n")
    (tmp_path / "articles").mkdir()
    write(tmp_path / "articles" / "a.txt", ARTICLE)
    (tmp_path / "claims").mkdir()
    write(tmp_path / "claims" / "c.yaml", "claims:\n  - id: fcf\n    claim: Globex dégage 3 milliards.\n"
                                         "    about: [Globex]\n    cues: [flux de trésorerie disponible]\n"
                                         "    expect: {amount: 3 milliards d'euros}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    from claimcheck.cli import main
    assert main(["-q", "--strict"]) == 0  # absent would fail: the user's phrase is a synonym of the cue
