"""entities: which entities are returned and how they are named."""

from __future__ import annotations

from spacy.language import Language

from onrecord.speakers import resolve_speakers
from support.speakers import attribution


def test_names_only_in_boilerplate_are_not_entities(parser: Language) -> None:
    from onrecord.clean import find_boilerplate

    text = (
        "By Priya Natarajan\n\n"
        "Mayor Lena Ortiz said the bridge would reopen in May.\n\n"
        "Lena Ortiz waves to supporters on Monday. (Photo: Dana Whitfield/The Ledger)\n\n"
        "(Reporting by Priya Natarajan; Editing by Tom Hale)\n"
    )
    att = attribution(text, "Mayor Lena Ortiz", "the bridge would reopen in May")
    entities = resolve_speakers(parser(text), [att], boilerplate=find_boilerplate(text))
    names = {e.name for e in entities}
    assert "Lena Ortiz" in names  # in the body as well as the caption: kept
    assert not names & {"Priya Natarajan", "Dana Whitfield", "Tom Hale"}
    # Without the boilerplate, the staff are among the people of the article.
    everyone = {e.name for e in resolve_speakers(parser(text), [att])}
    assert {"Priya Natarajan", "Tom Hale"} <= everyone


def test_an_entity_is_named_as_the_body_names_it(parser: Language) -> None:
    from onrecord.clean import find_boilerplate

    text = (
        "Workers inspect the tanks on Monday. (AP Photo/Dana Whitcombe)\n\n"
        "Calder Industries said the tanks were safe, AP reported.\n"
    )
    att = attribution(text, "Calder Industries", "the tanks were safe")
    entities = resolve_speakers(parser(text), [att], boilerplate=find_boilerplate(text))
    names = {e.name for e in entities}
    assert "AP" in names and not any("Whitcombe" in n for n in names)
