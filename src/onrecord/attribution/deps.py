"""Dependency labels and part-of-speech tags the attribution code reads, each set defined once.

Labels are spaCy's English ones (ClearNLP style: ``nsubj``, ``ccomp``, ``pobj`` ...), tags
Penn Treebank (``VBD``, ``WP``), parts of speech Universal (``VERB``, ``NOUN``). These are the
parser's vocabulary, not words of English, so they are code; word lists are data
(``data/words/``).
"""

from __future__ import annotations

# --- parts of speech (Token.pos_) ---------------------------------------------------------
# A verb or an auxiliary: what a verbal cue can be ("said", and "is" in "is expected to").
VERBAL = frozenset({"VERB", "AUX"})
# What a cue's head word is when it is not a preposition or a particle: "said", "assertion".
CUE_HEADS = frozenset({"VERB", "NOUN"})
# Nouns, common or proper: the parts of speech a nominal cue entry is looked up for.
NOMINAL = frozenset({"NOUN", "PROPN"})
# What a colon rule's source must contain: "Wash Post Fact-Check: ...".
NAMING = frozenset({"PROPN", "NOUN"})

# --- tags (Token.tag_) --------------------------------------------------------------------
# Participles, present or past: "..., citing the report", "..., asked about the remark".
PARTICIPLES = frozenset({"VBG", "VBN"})
# The forms of a verb of asking that can describe the noun before it: "Delaney, asked ...".
ASKED_FORMS = frozenset({"VBD", "VBN"})
# Relative and interrogative pronouns and determiners: "which", "who", "whose".
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# An interrogative object before its verb: "what the network called the safety culture".
WH_OBJECTS = frozenset({"WP", "WDT"})

# --- subjects and objects ------------------------------------------------------------------
# A verb's subject, the expletive included ("It appears that ..."): who speaks, if anyone.
SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
# A noun-phrase subject, active or passive: what a raising verb or an adjective needs.
NOUN_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# A verb's objects: the one told ("told reporters") or the thing said ("asked a question").
OBJECTS = frozenset({"dobj", "dative"})
# The object of a preposition, a noun phrase or a clause: "for a ban", "about leaving".
PREP_OBJECTS = frozenset({"pobj", "pcomp"})

# --- complements and modifiers of a cue ----------------------------------------------------
# A verb's clausal complement, the usual home of reported content ("said that ...").
CLAUSAL = frozenset({"ccomp", "xcomp", "csubj"})
# Auxiliaries before a verb ("has said", "was told").
AUXILIARIES = frozenset({"aux", "auxpass"})
# Auxiliaries and negation: always part of a verbal cue when they sit right before it.
CUE_AUXILIARIES = AUXILIARIES | {"neg"}
# Everything that may sit in a verb group between a subject and its verb ("has also said").
VERB_GROUP = AUXILIARIES | {"neg", "advmod"}
# Clauses that a participle aside or an adverbial complement hangs from a verb by.
ASIDES = frozenset({"xcomp", "advcl"})
# Dependents through which a verb shares its subject with the verb it hangs from: "said X
# and warned Y", "wants to say", "said it, adding ...".
SHARED_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
# Clauses that can carry why an unnamed source spoke: "speaking on condition of anonymity to
# describe ...", "officials who were not authorized to discuss it".
PURPOSE_CLAUSES = frozenset({"advcl", "xcomp", "acl", "relcl"})
# Clauses modifying a noun: "the people who said", "the lead in the poll".
NOUN_CLAUSES = frozenset({"relcl", "acl"})
# A noun's that-clause: "the assertion that he did not ...".
THAT_CLAUSES = frozenset({"acl", "ccomp", "relcl"})
# What a raising verb takes when it reports an appearance: "seemed certain to leave",
# "appeared irritated", "sounded like a winner".
RAISING_COMPLEMENTS = frozenset({"xcomp", "acomp", "attr", "prep", "oprd"})
# What joins a clause to another or heads it: left out of a raising verb's content.
JOINERS = frozenset({"conj", "cc", "mark"})
# After a cue's object, what PolNeAR keeps with it: "described the handling as ...", "blamed
# Bush for ...", "called it a disgrace".
OBJECT_PREDICATES = frozenset({"oprd", "prep", "advcl"})
# What the participle of a light noun says: "issued a statement saying it would appeal",
# "a statement saying nothing".
PARTICIPLE_CONTENT = frozenset({"ccomp", "dobj"})
# The content of "made it clear that ...", "made clear her opposition", "made known who ...".
MADE_CONTENT = frozenset({"ccomp", "advcl", "csubj", "xcomp", "dobj", "nsubj"})
# Modifiers that belong to a nominal cue: "recent evidence-free assertion".
NOUN_CUE_MODIFIERS = frozenset({"amod", "compound", "advmod", "nmod"})
# Links an "according to" phrase climbs to reach the clause it qualifies: "A happened, and B
# followed, according to X" is X's as a whole.
QUALIFIED_CLIMB = frozenset({"prep", "pobj", "advmod", "conj"})
# The children the span tagger's features name: a cue's complement, subject, object ...
KID_FEATURES = ("ccomp", "xcomp", "nsubj", "dobj", "mark", "prep", "neg")
