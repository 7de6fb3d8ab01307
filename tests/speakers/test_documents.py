"""documents: a report or statement speaks for whoever issued it, else for no one."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, resolve


def test_documents_are_not_speakers_and_missing_sources_stay_none(parser: Language) -> None:
    text = "The report said the numbers were wrong. The numbers were later revised."
    atts = [
        attribution(text, "The report", "the numbers were wrong"),
        attribution(text, None, "The numbers were later revised"),
    ]
    entities = resolve(parser, text, atts)
    report = atts[0].speaker
    assert report is not None and (report.name, report.type, report.entity) == (
        "the report",
        "unknown",
        None,
    )
    assert atts[1].speaker is None
    assert entities == []


def test_a_document_speaks_for_whoever_issued_it(parser: Language) -> None:
    text = (
        "Charges remain possible, according to a statement the district attorney's office "
        "released last week. The FBI's report said the gun was loaded. The report said "
        "nothing more."
    )
    atts = [
        attribution(
            text,
            "a statement the district attorney's office released last week",
            "Charges remain possible",
        ),
        attribution(text, "The FBI's report", "the gun was loaded"),
        attribution(text, "The report", "nothing more"),
    ]
    entities = resolve(parser, text, atts)
    office, fbi, report = (a.speaker for a in atts)
    assert office is not None and office.name == "the district attorney's office"
    assert office.type == "organization"
    assert fbi is not None and fbi.name == "FBI"
    # The document is no mention of its author; repeated, it is still its author's.
    assert all("report" not in m.text for e in entities for m in e.mentions)
    assert report is not None and report.entity == fbi.entity


def test_definite_org_noun_and_repeated_document_find_their_issuer(parser: Language) -> None:
    text = (
        "The Coastal Basketball League said in a statement that it supports a new arena. "
        "The league expects to review the final lease, according to the statement. "
        "The report said the lease was fair."
    )
    atts = [
        attribution(text, "The Coastal Basketball League", "that it supports a new arena"),
        attribution(text, "The league", "to review the final lease"),
        attribution(text, "the statement", "The league expects to review the final lease"),
        attribution(text, "The report", "the lease was fair"),
    ]
    resolve(parser, text, atts)
    league, again, statement, report = (a.speaker for a in atts)
    assert league is not None and league.name == "Coastal Basketball League"
    assert again is not None and again.entity == league.entity
    assert statement is not None and statement.entity == league.entity
    # No report was mentioned before: it speaks for nobody known.
    assert report is not None and report.entity is None


def test_a_document_seen_by_a_newsroom_is_not_the_newsroom_speaking(parser: Language) -> None:
    text = (
        "A council plans fortnightly collections, according to a leaked document seen by the "
        "BBC. Emails obtained by the Post show the same. A report released by the council "
        "says savings will follow."
    )
    seen = attribution(text, "a leaked document seen by the BBC", "A council plans")
    obtained = attribution(text, "Emails obtained by the Post", "the same")
    released = attribution(text, "A report released by the council", "savings will follow")
    resolve(parser, text, [seen, obtained, released])
    assert (seen.speaker.type, seen.speaker.entity) == ("unknown", None)
    assert (obtained.speaker.type, obtained.speaker.entity) == ("unknown", None)
    assert released.speaker.type == "organization"  # the issuer speaks through its report


def test_a_name_before_a_document_noun_is_its_issuer(parser: Language) -> None:
    text = (
        "Turnout will be low, according to a Marlow College survey released on Monday. "
        "A Brenda Okafor memo said the budget was tight."
    )
    survey = attribution(text, "a Marlow College survey released on Monday", "Turnout")
    memo = attribution(text, "A Brenda Okafor memo", "the budget was tight")
    resolve(parser, text, [survey, memo])
    assert survey.speaker is not None
    assert (survey.speaker.name, survey.speaker.type) == ("Marlow College", "organization")
    assert memo.speaker is not None
    assert (memo.speaker.name, memo.speaker.type) == ("Brenda Okafor", "person")


def test_a_place_before_a_document_noun_is_not_its_issuer(parser: Language) -> None:
    text = "A Nevada poll said the race was close."
    poll = attribution(text, "A Nevada poll", "the race was close")
    resolve(parser, text, [poll])
    assert poll.speaker is not None
    assert (poll.speaker.type, poll.speaker.entity) == ("unknown", None)


def test_a_pronoun_possessor_of_a_document_is_its_issuer(parser: Language) -> None:
    text = "Maria Delgado filed suit on Friday. Her complaint says the landlord ignored repairs."
    complaint = attribution(text, "Her complaint", "the landlord ignored repairs")
    resolve(parser, text, [complaint])
    assert complaint.speaker is not None
    assert (complaint.speaker.name, complaint.speaker.type) == ("Maria Delgado", "person")


def test_a_legal_brief_speaks_for_whoever_filed_it(parser: Language) -> None:
    text = "Tomas Reyes has asked for a delay. Tomas Reyes's brief argues the deadline was unfair."
    brief = attribution(text, "Tomas Reyes's brief", "the deadline was unfair")
    resolve(parser, text, [brief])
    assert brief.speaker is not None
    assert (brief.speaker.name, brief.speaker.type) == ("Tomas Reyes", "person")


def test_a_definite_document_repeats_an_earlier_one_of_its_kind(parser: Language) -> None:
    text = (
        "Rents rose fastest downtown, according to a new Halvorsen Institute survey of "
        "landlords. The study found that vacancies fell by half."
    )
    survey = attribution(text, "a new Halvorsen Institute survey of landlords", "Rents rose")
    study = attribution(text, "The study", "that vacancies fell by half")
    resolve(parser, text, [survey, study])
    assert survey.speaker is not None and survey.speaker.type == "organization"
    assert study.speaker is not None and study.speaker.entity == survey.speaker.entity


def test_a_bundle_of_documents_speaks_for_their_issuer(parser: Language) -> None:
    text = (
        "A new batch of State Department emails released this week showed close ties "
        "between the foundation and the agency."
    )
    att = attribution(text, "A new batch of State Department emails", "close ties between")
    resolve(parser, text, [att])
    assert (att.speaker.name, att.speaker.type) == ("State Department", "organization")


def test_an_acronym_before_a_document_noun_is_its_issuer(parser: Language) -> None:
    text = "But FEC reports show that four groups spent $1 million supporting him."
    att = attribution(text, "FEC reports", "four groups spent $1 million")
    resolve(parser, text, [att])
    assert (att.speaker.name, att.speaker.type) == ("FEC", "organization")


def test_a_document_named_before_its_issuer_is_the_issuers(parser: Language) -> None:
    text = (
        "Poll: Sanders Leads Clinton Nationally\n\n"
        "For the first time, a poll shows Sanders leading Clinton nationally. A Fox News "
        "poll, conducted jointly with two firms, shows Sanders at 47 percent."
    )
    headline = attribution(text, "Poll", "Sanders Leads Clinton Nationally")
    lede = attribution(text, "a poll", "Sanders leading Clinton nationally")
    resolve(parser, text, [headline, lede])
    assert headline.speaker.name == "Fox News"
    assert lede.speaker.name == "Fox News"


def test_a_poll_of_two_sponsors_speaks_for_both(parser: Language) -> None:
    text = (
        "A new Washington Post-ABC News national poll shows the race tied. The Post and "
        "ABC News surveyed 1,000 adults."
    )
    att = attribution(text, "A new Washington Post-ABC News national poll", "the race tied")
    entities = resolve(parser, text, [att])
    names = {e.id: e.name for e in entities}
    assert [names[e] for e in att.speaker.entities] == ["Washington Post", "ABC News"]


def test_a_name_apposed_to_a_document_is_not_its_issuer(parser: Language) -> None:
    text = (
        "Poll: Bernie Sanders Burns Hillary Clinton With First National Lead.\n\n"
        "For the first time, a poll shows Sanders leading Clinton. A Fox News poll, "
        "conducted jointly with two firms, shows Sanders at 47 percent."
    )
    headline = attribution(text, "Poll", "Bernie Sanders Burns Hillary Clinton")
    resolve(parser, text, [headline])
    assert headline.speaker.name == "Fox News"


def test_a_headline_documents_clause_past_its_colon_names_no_issuer(parser: Language) -> None:
    text = (
        "Poll: Clinton and Trump in dead heat heading into first debate.\n\n"
        "Hillary Clinton and Donald Trump are virtually tied heading into their first debate, "
        "according to a new Washington Post-ABC News national poll."
    )
    headline = attribution(text, "Poll", "Clinton and Trump in dead heat")
    entities = resolve(parser, text, [headline])
    names = {e.id: e.name for e in entities}
    assert [names[e] for e in headline.speaker.entities] == ["Washington Post", "ABC News"]


def test_the_poll_paragraphs_after_the_lede_is_the_ledes_poll(parser: Language) -> None:
    text = (
        "Clinton and Trump are tied, according to a new Quinnipiac University poll.\n\n"
        "Clinton leads among women. Trump leads among men. Johnson has 5 percent. Stein has 1 "
        "percent. Voters under 30 are split. Older voters lean to Trump.\n\n"
        "The poll shows a tightening race."
    )
    later = attribution(text, "The poll", "a tightening race")
    resolve(parser, text, [later])
    assert later.speaker.name == "Quinnipiac University"
