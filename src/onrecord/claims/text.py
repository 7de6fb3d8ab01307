"""What of an attribution's content states its claim: the proposition without the frame
words and quotation marks around it, which carry no meaning of their own.

    >>> claim_text('that he "did not pull the trigger,"')
    'he did not pull the trigger'
    >>> claim_text("“The numbers work,” ")
    'The numbers work'
"""

from __future__ import annotations

import re

# Complementisers that open an indirect content ("said that ...", "asked whether ...").
_LEAD = re.compile(r"^(?:that|whether|if)\s+", re.IGNORECASE)
# Double quotation marks go wherever they are; single ones only at the edges, since ’ and '
# are also apostrophes inside words ("didn’t").
_DOUBLE = re.compile("[\"“”«»„‟]|''|``")
_SINGLE = "'‘’`"
# Punctuation a quotation keeps before its frame ("... work," she said).
_TRAIL = ",;:—–- "


def claim_text(content: str) -> str:
    text = _DOUBLE.sub("", " ".join(content.split()))
    text = _LEAD.sub("", text.strip(_SINGLE + " "))
    return text.rstrip(_TRAIL).strip(_SINGLE + " ").rstrip(_TRAIL)
