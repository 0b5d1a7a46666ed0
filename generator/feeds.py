"""Atom feeds (RFC 4287) made from the updates logs: one per story, one for the site.

Every date comes from the log, so the same content makes the same bytes. Links are absolute when the site's URL
is known (``site_url`` in ``mkdocs.yml``, which the Pages workflow sets) and relative to the feed otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional
from xml.sax.saxutils import escape, quoteattr

FEED = "feed.xml"
ENTRIES = 50  # the newest entries a feed carries: a reader's client has the older ones already
EPOCH = "1970-01-01"  # the date of an entry whose articles carry none (Atom requires one)


@dataclass(frozen=True)
class Entry:
    id: str  # the update's id, unique within its story
    story: str
    title: str
    date: Optional[str]  # YYYY-MM-DD
    href: str  # from the site's root: "<story>/updates/#<id>"


def atom(*, feed_id: str, title: str, subtitle: str, href: str, self_href: str, entries: list[Entry],
         author: str, base: Optional[str]) -> str:
    """The feed's XML. ``href`` is the page the feed follows and ``self_href`` the feed itself, both from the site's
    root; ``base`` is the site's URL, or None for links relative to the feed (``up``: the feed's depth)."""
    newest = sorted(entries, key=lambda e: (e.date or EPOCH, e.story, e.id), reverse=True)[:ENTRIES]
    up = "../" * self_href.count("/")
    link = (lambda path: (base.rstrip("/") + "/" + path)) if base else (lambda path: up + path)
    updated = _stamp(newest[0].date) if newest else _stamp(None)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <id>{escape(feed_id)}</id>", f"  <title>{escape(title)}</title>",
             f"  <subtitle>{escape(subtitle)}</subtitle>", f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(author)}</name></author>",
             f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(href))}/>",
             f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(link(self_href))}/>"]
    for e in newest:
        # The same entry has the same id in the story's feed and the site's.
        lines += ["  <entry>", f"    <id>urn:explainer:{escape(e.story)}:{escape(e.id)}</id>",
                  f"    <title>{escape(e.title)}</title>", f"    <updated>{_stamp(e.date)}</updated>",
                  f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(e.href))}/>",
                  f"    <summary>{escape(e.title)}</summary>", "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _stamp(date: Optional[str]) -> str:
    """An Atom date: the day's start in UTC, the precision the content has."""
    return f"{date or EPOCH}T00:00:00Z"
