"""The layout is the pipeline: later stages import earlier ones, never the reverse, and one module owns the cache."""
from __future__ import annotations

import ast
from pathlib import Path

from generator import cache

PACKAGE = cache.PACKAGE
# What comes after extraction (a package with all its modules): an extractor that imported one of these would tie
# one article's findings to the story, the YAML on disk or the site.
LATER_STAGES = ("generator.assemble", "generator.store", "generator.render", "generator.site",
                "generator.plugin", "generator.page_cache", "generator.pipeline", "generator.graph")
# What comes after assembly: the story is made from findings alone, whatever is stored, rendered or built.
AFTER_ASSEMBLY = LATER_STAGES[1:]


def _in(module: str, stages: tuple[str, ...]) -> bool:
    return any(module == s or module.startswith(s + ".") for s in stages)


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each generator module and the generator modules it imports, at the top or inside a function."""
    known = {_module(p) for p in PACKAGE.rglob("*.py")}
    out = {}
    for path in PACKAGE.rglob("*.py"):
        deps = {_module(p) for p in cache._imported(path) if p.is_file()}
        out[_module(path)] = {d for d in deps if d in known} - {_module(path)}
    return out


def test_no_module_imports_itself_back_through_others():
    graph = imports()
    cycles = []

    def visit(node, path):
        for dep in graph[node]:
            if dep in path:
                cycles.append(path[path.index(dep):] + [dep])
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(node)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    # A package imports its own modules to re-export them; that is not a cycle of stages.
    # Whichever module the search starts from: a cycle of a package and its own modules alone is left out.
    cycles = [c for c in cycles if not any(all(m == p or m.startswith(p + ".") for m in c) for p in c)]
    assert cycles == []


def test_extractors_import_nothing_of_the_stages_after_them():
    graph = imports()
    extractors = [m for m in graph if _in(m, ("generator.extract",))]
    assert len(extractors) > 5
    for module in extractors:
        assert not [d for d in graph[module] if _in(d, LATER_STAGES)], module


def test_assembly_imports_neither_spacy_nor_the_stages_after_it():
    graph = imports()
    assembly = [m for m in graph if _in(m, ("generator.assemble",))]
    assert "generator.assemble.actors" in assembly
    for module in assembly:
        assert not [d for d in graph[module] if _in(d, AFTER_ASSEMBLY) or d == "generator.nlp"], module
        source = (PACKAGE.parent / module.replace(".", "/")).with_suffix(".py")
        if not source.exists():
            source = source.with_suffix("") / "__init__.py"
        assert "import spacy" not in source.read_text(encoding="utf-8"), module


def test_one_module_names_the_cache_folder():
    naming = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr)}
        if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and ".explainer-cache" in n.value
               and id(n) not in docstrings for n in ast.walk(tree)):
            naming.append(path.relative_to(PACKAGE).as_posix())
    assert naming == ["cache.py"]


def test_a_relative_import_counts_in_a_stage_code_key(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    (package / "extract").mkdir(parents=True)
    (package / "extract" / "a.py").write_text("from . import b\nfrom ..records import X\n")
    (package / "extract" / "b.py").write_text("")
    (package / "records.py").write_text("")
    monkeypatch.setattr(cache, "PACKAGE", package)
    assert {p.relative_to(package).as_posix() for p in cache.modules("extract/a.py")} == {
        "extract/a.py", "extract/b.py", "records.py"}


def test_every_form_of_import_counts_in_a_stage_code_key(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    package.mkdir()
    (package / "run.py").write_text(
        "import generator.plain as p, os\n"
        "from generator import (\n    listed,  # a comment\n    renamed as r,\n)\n"
        "def later():\n    from generator.inside import thing\n")
    for name in ("plain", "listed", "renamed", "inside", "unused"):
        (package / f"{name}.py").write_text("")
    monkeypatch.setattr(cache, "PACKAGE", package)
    assert {p.relative_to(package).as_posix() for p in cache.modules("run.py")} == {
        "run.py", "plain.py", "listed.py", "renamed.py", "inside.py"}


def test_a_key_is_the_digest_of_its_parts_each_ended_by_a_nul_so_stored_keys_outlive_a_faster_digest():
    import hashlib

    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("the", b"river", "rose", size=64) == hashlib.sha256(b"the\0river\0rose\0").hexdigest()
    assert cache.digest() == hashlib.sha256(b"").hexdigest()[:24]
