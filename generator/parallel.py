"""The per-article map: parse and extract articles here, in N local processes, or on a Dask cluster.

Articles are cut into chunks, each parsed with one ``nlp.pipe`` call where it lands, and the results come back in
the articles' order. A ``Doc``'s annotations do not depend on the other docs of its batch (checked on 64 generated
articles: batch sizes 1, 3, 7, 16 and 64 gave the same tags, lemmas, heads, labels, entities and sentence starts),
so the ``Findings``, and the YAML made from them, are the same bytes however many processes ran.
Workers return ``Findings`` records, never ``Doc`` objects: a record is a few kilobytes, a ``Doc`` much more.
"""
from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Callable, Iterator, Optional, Sequence

from generator.errors import ExplainerError
from generator.nlp import BATCH_SIZE
from generator.records import Article, Findings

EXECUTORS = ("local", "dask")
# Articles per task at most: one nlp.pipe batch. Fewer when there are fewer articles than workers × CHUNK, so
# that every worker gets a share.
CHUNK = BATCH_SIZE
# Below this many words per process, starting one (importing spaCy and loading the model, about 2 s) costs more
# than it saves: the en_core_web_sm pipeline parses about 5,000 words a second on one core of the 2-core machine.
MIN_WORDS_PER_WORKER = 20_000


def cores() -> int:
    """The cores this process may use (a container's CPU affinity, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def settings(workers: Optional[int] = None, executor: Optional[str] = None,
             scheduler: Optional[str] = None) -> tuple[Optional[int], str, Optional[str]]:
    """The options checked, with their defaults (``None`` workers: decide by size). The plugin's options come
    from ``mkdocs.yml``, where each may name an environment variable (``!ENV``): no other place reads one."""
    if workers is not None and workers < 1:
        raise ExplainerError("--workers", f"expected 1 or more processes, got {workers}")
    executor = executor or "local"
    if executor not in EXECUTORS:
        raise ExplainerError("--executor", f"expected one of {', '.join(EXECUTORS)}, got {executor!r}")
    if scheduler and executor != "dask":
        raise ExplainerError("--scheduler", f"{scheduler} is a Dask scheduler, but the executor is {executor}",
                             hint="add --executor dask (executor: dask in mkdocs.yml)")
    return workers, executor, scheduler


def auto_workers(articles: Sequence[Article]) -> int:
    """One process per core, but only as many as the job's size repays; one for a handful of articles."""
    words = sum(len(a.body.split()) for a in articles)
    return max(1, min(cores(), words // MIN_WORDS_PER_WORKER))


def analyze_all(articles: Sequence[Article], *, workers: Optional[int] = None, executor: Optional[str] = None,
                scheduler: Optional[str] = None,
                log: Callable[[str], None] = lambda s: None) -> Iterator[tuple[Article, Findings]]:
    """``(article, findings)`` for every article, in the order given, as each chunk finishes."""
    workers, executor, scheduler = settings(workers, executor, scheduler)
    articles = list(articles)
    if not articles:
        return
    if executor == "dask":
        n = workers or cores()
        yield from _on_dask(_chunks(articles, n), n, scheduler, log)
        return
    n = min(workers or auto_workers(articles), len(articles))
    chunks = _chunks(articles, n)
    if n == 1:
        log(f"parsing {len(articles)} article(s) in this process")
        for chunk in chunks:
            yield from zip(chunk, analyze_chunk(chunk))
        return
    log(f"parsing {len(articles)} article(s) in {n} processes")
    # spawn, not fork: the plugin may run inside `mkdocs serve`, whose threads a forked child would inherit mid-lock.
    with ProcessPoolExecutor(n, mp_context=get_context("spawn"), initializer=_warm) as pool:
        for chunk, found in zip(chunks, pool.map(analyze_chunk, chunks)):
            yield from zip(chunk, found)


def _chunks(articles: list[Article], workers: int) -> list[list[Article]]:
    size = max(1, min(CHUNK, -(-len(articles) // workers)))
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def analyze_chunk(chunk: list[Article]) -> list[Findings]:
    """Parse one chunk with one ``nlp.pipe`` call and extract every kind from each ``Doc``; runs in any process."""
    from generator import nlp
    from generator.extract import analyze

    return [analyze(article, doc) for article, doc in nlp.parse(chunk)]


def _warm() -> None:
    from generator import collector, nlp

    collector.defer_full_collections()  # a worker process lives for one run: see generator.collector
    nlp.load()  # once per worker process, before its first chunk


def _on_dask(chunks: list[list[Article]], workers: int, scheduler: Optional[str],
             log: Callable[[str], None]) -> Iterator[tuple[Article, Findings]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExplainerError("--executor dask", "dask.distributed is not installed",
                            hint="pip install 'explainer[dask]'") from None
    if scheduler:
        # Each worker needs this package and the model installed (pip install 'explainer[dask]'); articles travel
        # with the tasks, so workers need no access to seeds/.
        log(f"parsing {sum(map(len, chunks))} article(s) on the Dask cluster at {scheduler}")
        client, cluster = Client(scheduler), None
    else:
        log(f"parsing {sum(map(len, chunks))} article(s) on a local Dask cluster of {workers} process(es)")
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        # pure=False: no hashing of every article's text to name the tasks; each chunk is computed once anyway.
        futures = client.map(analyze_chunk, chunks, pure=False)
        for chunk, future in zip(chunks, futures):
            yield from zip(chunk, future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
