"""Python's garbage collector during a run: young objects collected as usual, no full collection until it ends.

A full collection visits every live object. A run keeps a story's findings, records and pages alive (over a million
objects on a 1,000-article story) while it makes millions more, so at Python's default thresholds a one-article
rebuild of such a story made nine full collections: a second of its seven, and they found nothing to free (records
hold no reference cycles). Thresholds, not ``gc.disable()``: spaCy's model loader switches the collector off and
on again, which would undo a switch, while it leaves thresholds alone.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# Middle-generation collections between two full ones (Python's default is 10): more than a run makes.
FULL_EVERY = 1_000_000


def defer_full_collections() -> tuple[int, ...]:
    """Stop full collections; returns the thresholds to hand :func:`restore` when the run ends."""
    before = gc.get_threshold()
    gc.set_threshold(*before[:2], FULL_EVERY)
    return before


def restore(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(*thresholds)


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    before = defer_full_collections()
    try:
        yield
    finally:
        restore(before)
