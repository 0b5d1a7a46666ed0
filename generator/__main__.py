"""Command line: ``python -m generator extract|render|build|check|evaluate`` (see ``--help`` of each)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import ContentError, ExplainerError


def main(argv: list[str] | None = None) -> int:
    from generator.collector import full_collections_deferred

    args = parser().parse_args(argv)
    try:
        with full_collections_deferred():
            return COMMANDS[args.command](args)
    except ExplainerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing half-written was left (files are replaced whole)", file=sys.stderr)
        return 130


def parser() -> argparse.ArgumentParser:
    """Every command and option (README.md documents each: ``tests/test_docs.py``)."""
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Turn news articles in seeds/ into an explainer site.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="read seeds/<story>/ articles and write content/<story>/*.yaml",
                       description="Read every article, extract actors, quotes, timeline, questions and conflicts, "
                                   "and write them as YAML. Only articles that changed are parsed again.")
    _seeds_content(p)
    p = sub.add_parser("render", help="turn content/<story>/*.yaml into Markdown pages beside them",
                       description="Render the YAML of every story in CONTENT into Markdown pages for MkDocs.")
    p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    p.add_argument("--site-url", metavar="URL",
                   help="the site's address, which makes the feeds' links absolute (mkdocs.yml's site_url; "
                        "default: relative links)")
    p = sub.add_parser("build", help="extract, render, then build the site with MkDocs",
                       description="Run the MkDocs build of mkdocs.yml into site/; its explainer plugin extracts "
                                   "and renders what changed first.")
    _seeds_content(p)
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (default: mkdocs.yml)")
    p.add_argument("--strict", action="store_true", help="fail on MkDocs warnings (broken links, missing pages)")
    p = sub.add_parser("check", help="validate content/ against the schema",
                       description="Validate every YAML file of CONTENT; report file:line: key: problem.")
    p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    p = sub.add_parser("evaluate", help="score extraction against hand-made gold files",
                       description="Extract the gold articles and print precision, recall and F1 per article "
                                   "and overall.")
    p.add_argument("--gold", type=Path, default=Path("tests/gold"), help="gold folder (default: tests/gold)")
    return parser


def _seeds_content(p: argparse.ArgumentParser) -> None:
    from generator.parallel import EXECUTORS

    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles, one folder a story (default: seeds)")
    p.add_argument("--content", type=Path, default=Path("content"), help="output folder (default: content)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="processes that parse articles (default: one per core, one for a small job); "
                        "the output is the same bytes for any N")
    p.add_argument("--executor", choices=EXECUTORS,
                   help="where articles are parsed: local processes, or Dask workers (default: local; "
                        "dask needs pip install 'explainer[dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a Dask scheduler, e.g. tcp://10.0.0.5:8786, for --executor dask (default: a local "
                        "cluster of --workers processes)")


def _extract(args) -> int:
    from generator.pipeline import update_content

    result = update_content(args.seeds, args.content, log=lambda s: print(s, file=sys.stderr),
                            workers=args.workers, executor=args.executor, scheduler=args.scheduler)
    for line in result.report:
        print(f"note: {line}", file=sys.stderr)
    print(f"{len(result.stories)} stor{'y' if len(result.stories) == 1 else 'ies'}, "
          f"{len(result.parsed)} article(s) parsed, {len(result.written)} file(s) written")
    return 0


def _render(args) -> int:
    from generator.render import render

    written = render(args.content, site_url=args.site_url).written
    print(f"{len(written)} page(s) written")
    return 0


BUILD_DEFAULTS = {"seeds": Path("seeds"), "content": Path("content")}


def _build(args) -> int:
    import logging

    from generator.site import build_site

    # What `mkdocs build` says (the plugin's report of what was parsed, inferred and written, MkDocs' warnings).
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    # The MkDocs build extracts and renders through the explainer plugin: the pipeline runs once.
    # Only what was given overrides mkdocs.yml, so that this build and a plain `mkdocs build` share their cache.
    given = lambda name: getattr(args, name) != BUILD_DEFAULTS[name]  # noqa: E731
    build_site(args.config, strict=args.strict, seeds=args.seeds.resolve() if given("seeds") else None,
               docs_dir=args.content.resolve() if given("content") else None,
               workers=args.workers, executor=args.executor, scheduler=args.scheduler)
    return 0


def _check(args) -> int:
    from generator.store import checks, story_content

    if not args.content.is_dir():
        raise ContentError(args.content, "content folder not found", hint="pass --content, or run extract first")
    # Every problem at once, not the first: an editor fixing a batch of corrections fixes them in one go.
    errors = checks.check_content(args.content)
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) found", file=sys.stderr)
        return 2
    folders = story_content.story_folders(args.content)
    print(f"{len(folders)} stor{'y' if len(folders) == 1 else 'ies'} valid")
    return 0


def _evaluate(args) -> int:
    from generator.evaluate import run

    return run(args.gold)


COMMANDS = {"extract": _extract, "render": _render, "build": _build, "check": _check, "evaluate": _evaluate}

if __name__ == "__main__":
    sys.exit(main())
