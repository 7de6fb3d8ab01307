"""lexicon: the speaker word lists, shipped or from a directory of one's own."""

from __future__ import annotations

from pathlib import Path

from onrecord.speakers import load_lexicon
from onrecord.speakers.lexicon import shipped_words
from onrecord.speakers.pronouns import pronouns


def test_lexicon_loads_and_can_be_replaced(tmp_path: Path) -> None:
    shipped = load_lexicon()
    assert shipped.title("Mrs.") == (None, "f")
    assert shipped.title("Sen.") == ("senator", None)
    assert shipped.first_names["hillary"] == "f" and shipped.first_names["alec"] == "m"
    assert "client" in shipped.relations["lawyer"]
    # The derived part of the lists reaches names from beyond the hand list ...
    assert shipped.first_names["vladimir"] == "m" and shipped.first_names["ngozi"] == "f"
    # ... but never one both sexes bear, nor a word news reads otherwise (a place, a surname).
    for not_given in ("jordan", "taylor", "chase", "georgia", "christian", "clinton"):
        assert not_given not in shipped.first_names
    source = Path(__file__).parents[2] / "src" / "onrecord" / "data" / "speakers"
    for f in source.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "roles.txt").write_text("armourer\n", encoding="utf-8")
    custom = load_lexicon(tmp_path)
    assert dict(custom.roles) == {"armourer": None}
    # Written before roles.txt had columns: the shipped office and relative flags still hold.
    assert custom.offices == shipped.offices and custom.relative_roles == shipped.relative_roles


def test_roles_txt_columns_load_as_flags(tmp_path: Path) -> None:
    shipped = load_lexicon()
    # office: "the president" after someone called "the judge" is someone else.
    assert {"mayor", "president", "judge", "chairman"} <= shipped.offices
    assert "lawyer" not in shipped.offices and "spokesman" not in shipped.offices
    # relative: a role that is someone's ("the spokesman" after a name is another person).
    assert {"spokesman", "aide", "wife", "daughter"} <= shipped.relative_roles
    assert "mayor" not in shipped.relative_roles and "actor" not in shipped.relative_roles
    # The gender column still reads beside the flags: "chairman m office", "wife f relative".
    assert shipped.roles["chairman"] == "m" and shipped.roles["wife"] == "f"
    assert shipped.roles["mayor"] is None and shipped.roles["police officer"] is None
    # not-role: "brother" is a relative role but no role noun of its own.
    assert "brother" in shipped.relative_roles and "brother" not in shipped.roles
    # A lexicon of one's own carries the columns too.
    source = Path(__file__).parents[2] / "src" / "onrecord" / "data" / "speakers"
    for f in source.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "roles.txt").write_text(
        "# mine\nalderman m office\nreeve office\nnephew m relative\ncousin relative not-role\n",
        encoding="utf-8",
    )
    custom = load_lexicon(tmp_path)
    assert dict(custom.roles) == {"alderman": "m", "reeve": None, "nephew": "m"}
    assert custom.offices == {"alderman", "reeve"}
    assert custom.relative_roles == {"nephew", "cousin"}


def test_shipped_word_lists_load_with_their_flags() -> None:
    assert shipped_words("determiners", "definite") == {"the", "this", "that", "these", "those"}
    assert {"other", "another"} == shipped_words("determiners", "contrastive")
    assert "jr" in shipped_words("name_suffixes") and "see" in shipped_words("received_verbs")
    assert pronouns("third") >= {"he", "she", "it", "they"} and "who" in pronouns("relative")
