"""Text made safe to print in the Markdown pages: article text is untrusted and must stay text."""
from __future__ import annotations

import re

from markupsafe import Markup

# Characters that start Markdown or HTML syntax; written as numeric entities they render as themselves.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>&\"'~$=:-]")


def escape(value: object) -> str:
    """Text as literal Markdown: no emphasis, link, heading, HTML or attribute syntax survives. ``Markup`` (links
    and anchors the generator made itself) passes as it is."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = re.sub(r"\s+", " ", str(value))
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)
