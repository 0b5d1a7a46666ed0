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


# An "&" that starts an entity (``&amp;``, ``&#39;``): escaped in a title so that it shows as written.
_ENTITY = re.compile(r"&(?=#?\w+;)")


def inert_title(title: str) -> str:
    """A title for the places Material prints one raw (the navigation, ``<title>``, the header and footer).

    Material prints a title as raw HTML in text, escapes it in attributes, and unescapes it (``striptags``) into
    ``<title>``. So angle brackets become look-alikes, which no tag can form from in any of these places, and
    only an ``&`` that starts an entity is escaped: escaping more would show ``&#x27;`` in screen readers' labels.
    """
    return _ENTITY.sub("&amp;", title.replace("<", "‹").replace(">", "›"))


def slug(value: str) -> str:
    """An id safe in an HTML attribute and a URL fragment (ids are generator slugs; editors may type anything)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-") or "item"
