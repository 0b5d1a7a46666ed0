"""`make bench`: the generator against a floor measured in the same run, on a generated 1,000-article story.

Each step runs in its own process, as a user would run it, on the same texts:

  floor   raw `nlp.pipe` over the article bodies (same model, same number of processes) + a plain Material build
          of the same pages (no explainer plugin, same nav)
  cold    `mkdocs build` with an empty cache: extract + render + build
  same    `mkdocs build` again, nothing changed
  one     `mkdocs build` after one article changed

and prints the ratios the issue asks for, with peak memory (resident memory summed over the process tree), and
what a reader downloads: the published site's bytes per article, its largest page and its search index.
`--scaling 100,800` instead builds a story of each size cold, in one run, and prints how time and bytes grow.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from story import STORY, write_story  # noqa: E402

from generator.articles import read_seeds  # noqa: E402
from generator.parallel import cores  # noqa: E402

GiB = 1024 ** 3
# The acceptance bounds (and goals), checked against what this run printed.
BOUNDS = {"cold / floor": (1.3, 1.1), "unchanged / plain Material": (1.2, 1.05), "one changed / cold": (0.15, 0.05)}
THROUGHPUT_BOUND, MEMORY_BOUND = 0.85, 1.5 * GiB
# Large stories (issue 16): a page a phone can load, a site GitHub Pages accepts, growth no worse than linear.
PAGE_BOUND, SITE_BOUND, LARGE_MEMORY_BOUND, GROWTH_SLACK = 150 * 1024, 1024 ** 3, 2 * GiB, 9 / 8


class PeakMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants (workers included) until stopped."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.done = pid, every, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))
            self.done.wait(self.every)


def _tree(root: int) -> list[int]:
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                # The command name may hold spaces and parentheses: the parent pid is the 2nd field after the last ')'.
                parents[int(entry.name)] = int(Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    return out


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def step(name: str, args: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run one command; its wall time, peak memory and the JSON line it printed after ``PHASES``/``PIPE``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(cwd), **(env or {})}
    full_env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + full_env.get("PATH", "")
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(proc.pid)
    memory.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    memory.done.set()
    memory.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench: {name} failed ({proc.returncode}):\n{out}\n{err}")
    info = {}
    for line in err.splitlines():
        if line.startswith(("PHASES ", "PIPE ")):
            info = json.loads(line.split(" ", 1)[1])
    print(f"  {name:<28} {wall:7.1f} s  peak {memory.peak / GiB:5.2f} GiB  {_phases(info)}", flush=True)
    return {"wall": wall, "peak": memory.peak, **info}


def _phases(info: dict) -> str:
    parts = [f"{key[:-2]} {value:.1f} s" for key, value in info.items() if key.endswith("_s")]
    if "parsed" in info:
        parts.append(f"{info['parsed']} parsed")
    if "spacy_imported" in info:
        parts.append("spaCy " + ("imported" if info["spacy_imported"] else "not imported"))
    return ", ".join(parts)


def site_figures(site: Path, articles: int) -> dict:
    """What the published site weighs: in all, per article, its largest HTML page and the search index."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    return {"bytes": sum(p.stat().st_size for p in files), "per_article": sum(p.stat().st_size for p in files) / articles,
            "largest": largest.stat().st_size, "largest_page": str(largest.relative_to(site)),
            "search_index": index.stat().st_size if index.exists() else 0}


def print_site(figures: dict) -> None:
    print(f"  site {figures['bytes'] / 1024 ** 2:,.1f} MB ({figures['per_article'] / 1024:,.1f} KB per article; "
          f"bound 1 GB: {_verdict(figures['bytes'], SITE_BOUND)}), largest page {figures['largest'] / 1024:,.0f} KB "
          f"({figures['largest_page']}; bound 150 KB: {_verdict(figures['largest'], PAGE_BOUND)}), search index "
          f"{figures['search_index'] / 1024 ** 2:,.1f} MB", flush=True)


def scaling(sizes: list[int], tmp: Path) -> int:
    """Cold builds of stories of each size, in one run: time and bytes should grow no faster than the articles."""
    mkdocs = [sys.executable, str(ROOT / "bench" / "_timed_mkdocs.py"), "build", "--quiet"]
    runs = {}
    for n in sizes:
        project = make_project(tmp / f"project-{n}", n)
        print(f"bench: cold build of {n} articles", flush=True)
        runs[n] = {**step(f"cold mkdocs build ({n})", mkdocs, project), **site_figures(project / "site", n)}
        print_site(runs[n])
    small, large = sizes[0], sizes[-1]
    linear = large / small
    time_ratio, bytes_ratio = runs[large]["wall"] / runs[small]["wall"], runs[large]["bytes"] / runs[small]["bytes"]
    bound = linear * GROWTH_SLACK
    print(f"\n  {large} / {small} articles: ×{linear:g} (linear)")
    print(f"  cold build time              ×{time_ratio:.2f}   (bound ×{bound:g}: {_verdict(time_ratio, bound)})")
    print(f"  published site bytes         ×{bytes_ratio:.2f}   (bound ×{bound:g}: {_verdict(bytes_ratio, bound)})")
    print(f"  largest page at {large}       {runs[large]['largest'] / 1024:,.0f} KB (bound 150 KB: "
          f"{_verdict(runs[large]['largest'], PAGE_BOUND)})")
    return 0 if time_ratio <= bound and bytes_ratio <= bound and runs[large]["largest"] <= PAGE_BOUND else 1


def make_project(dest: Path, articles: int) -> Path:
    """mkdocs.yml, the theme, a copy of the generator, and a generated story in seeds/."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", dest / "site-theme")
    # A copy, first on PYTHONPATH: the run measures one version of the code even while the tree is being edited.
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    write_story(dest / "seeds", articles)
    (dest / "content").mkdir()  # MkDocs checks docs_dir exists before the plugin can fill it
    return dest


def plain_config(project: Path) -> Path:
    """The same site without the explainer plugin: Material builds the pages the cold build left, with the same navigation."""
    from generator.render import nav

    # INHERIT keeps every setting of mkdocs.yml (tags such as !ENV included); a list given here replaces its list.
    config = {"INHERIT": "mkdocs.yml", "plugins": ["search"], "site_dir": "site-plain", "nav": nav(project / "content")}
    path = project / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the generated story (default 1000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes for parsing, in the build and in the floor's nlp.pipe (default: the "
                             "generator's own default, one per core)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--scaling", metavar="N,M", help="only cold builds of an N- and an M-article story, and how "
                        "their time and bytes grow (e.g. 100,800)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="explainer-bench-")) if args.keep is None else args.keep
    try:
        if args.scaling:
            code = scaling(sorted(int(n) for n in args.scaling.split(",")), tmp)
            print(f"bench: done in {time.perf_counter() - began:.0f} s")
            return code
        project = make_project(tmp / "project", args.articles)
        articles = read_seeds(project / "seeds")[STORY]
        words = sum(len(a.body.split()) for a in articles)
        workers = args.workers or cores()
        texts = tmp / "texts.json"
        texts.write_text(json.dumps([a.body for a in articles]), encoding="utf-8")
        print(f"bench: {len(articles)} articles, {words:,} words, {workers} worker process(es), "
              f"{cores()} core(s), in {tmp}", flush=True)
        env = {"EXPLAINER_WORKERS": str(args.workers)} if args.workers else {}
        mkdocs = [sys.executable, str(ROOT / "bench" / "_timed_mkdocs.py"), "build", "--quiet"]

        raw = step("raw nlp.pipe", [sys.executable, str(ROOT / "bench" / "_raw_pipe.py"), str(texts), str(workers)],
                   project)
        cold = step("cold mkdocs build", mkdocs, project, env)
        site = site_figures(project / "site", len(articles))
        print_site(site)
        plain = step("plain Material build", [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f",
                                               str(plain_config(project))], project)
        same = step("unchanged mkdocs build", mkdocs, project, env)
        changed = articles[len(articles) // 2].path
        with open(changed, "a", encoding="utf-8") as fh:
            fh.write('\n"We will keep asking until we get an answer," said Rosa Delgado, who has followed the '
                     "project since it began.\n")
        one = step("one article changed", mkdocs, project, env)

        floor = raw["wall"] + plain["wall"]
        ratios = {"cold / floor": cold["wall"] / floor, "unchanged / plain Material": same["wall"] / plain["wall"],
                  "one changed / cold": one["wall"] / cold["wall"]}
        ours, theirs, whole = words / cold["findings_s"], words / raw["total_s"], words / cold["extract_s"]
        peak = max(s["peak"] for s in (cold, same, one))
        print(f"\nfloor = raw nlp.pipe {raw['wall']:.1f} s + plain Material build {plain['wall']:.1f} s "
              f"= {floor:.1f} s")
        for name, value in ratios.items():
            bound, goal = BOUNDS[name]
            print(f"  {name:<28} {value:6.2f}   (bound {bound}, goal {goal}: {_verdict(value, bound)})")
        print(f"  {'extraction words/s':<28} {ours:8,.0f} against raw nlp.pipe {theirs:,.0f} = {ours / theirs:.2f}"
              f"   (bound {THROUGHPUT_BOUND}: {_verdict(THROUGHPUT_BOUND, ours / theirs)})")
        print(f"  {'  with assembly and YAML':<28} {whole:8,.0f} = {whole / theirs:.2f} of raw nlp.pipe (the whole "
              "extract step; the line above is the per-article map: cache, parse, extractors)")
        memory_bound = MEMORY_BOUND if len(articles) <= 1000 else LARGE_MEMORY_BOUND
        print(f"  {'peak memory (generator)':<28} {peak / GiB:6.2f} GiB (bound {memory_bound / GiB:g} GiB: "
              f"{_verdict(peak, memory_bound)}); raw nlp.pipe {raw['peak'] / GiB:.2f} GiB")
        print(f"  {'published site':<28} {site['bytes'] / 1024 ** 2:,.1f} MB, {site['per_article'] / 1024:,.1f} KB "
              f"per article, largest page {site['largest'] / 1024:,.0f} KB, search index "
              f"{site['search_index'] / 1024 ** 2:,.1f} MB")
        checks = [one["parsed"] == 1, same["parsed"] == 0, not same["spacy_imported"]]
        print(f"  one changed article parsed: {one['parsed']}; unchanged build parsed {same['parsed']}, spaCy "
              f"{'imported' if same['spacy_imported'] else 'not imported'}")
        print(f"bench: done in {time.perf_counter() - began:.0f} s")
        return 0 if all(checks) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


def _verdict(value: float, bound: float) -> str:
    return "met" if value <= bound else f"missed by {value / bound - 1:.0%}"


if __name__ == "__main__":
    sys.exit(main())
