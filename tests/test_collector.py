"""The garbage collector during a run: no full collection, whatever a library does to the collector meanwhile."""
from __future__ import annotations

import gc

from generator.collector import FULL_EVERY, full_collections_deferred


def _full_collections_while_keeping_many_objects() -> int:
    """How many full collections run while long-lived objects are made (a story's records): more than a quarter of
    those alive already, the share past which Python makes a full collection."""
    objects = len(gc.get_objects(generation=2)) // 2 + 500_000
    count = []
    hook = lambda phase, info: count.append(1) if phase == "stop" and info["generation"] == 2 else None  # noqa: E731
    gc.callbacks.append(hook)
    try:
        kept = [[n] for n in range(objects)]  # lists, which the collector tracks (a dict of numbers it does not)
    finally:
        gc.callbacks.remove(hook)
    del kept
    return len(count)


def test_a_run_makes_no_full_collection_where_python_would_make_several():
    assert _full_collections_while_keeping_many_objects() > 0
    with full_collections_deferred():
        assert _full_collections_while_keeping_many_objects() == 0


def test_switching_the_collector_off_and_on_as_spacy_does_keeps_the_deferral_and_the_end_restores():
    before = gc.get_threshold()
    with full_collections_deferred():
        gc.disable()
        gc.enable()
        assert gc.get_threshold() == (*before[:2], FULL_EVERY)
        assert _full_collections_while_keeping_many_objects() == 0
    assert gc.get_threshold() == before
