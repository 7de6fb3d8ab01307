"""The learned filter with the span tagger (attribution/filter.py, find_attributions)."""

from __future__ import annotations

from support.articles import run


def test_an_attribution_the_tagger_restores_keeps_the_rules_source(nlp_model):
    # The filter doubts the rules' reading (0.46); the tagger finds the attribution but no
    # source, and the rules' source is taken.
    text = (
        "Coffee drinkers may live longer, study finds\n\n"
        "People who drink two to three cups of coffee a day were 12 percent less likely to die "
        "over a decade than those who drank none, according to a study published Monday in the "
        "Annals of Internal Medicine.\n\n"
        "The study, which followed more than 170,000 adults in Britain, found the link held "
        "for ground, instant and decaffeinated coffee.\n\n"
        '"We can\'t say coffee causes a longer life," said Dr. Anika Shah, an epidemiologist at '
        "the University of Leeds and the study's lead author."
    )
    [found] = [a for a in run(nlp_model, text).attributions if a.cue.text == "found"]
    assert found.source is not None and found.source.text.startswith("The study")
