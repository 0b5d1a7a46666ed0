"""content/ on disk: the one schema (``schema``), deterministic YAML in and out, files replaced all or nothing
(``yaml_text``), and the editors' corrections merged in (``merge``).

Callers import the module they use (``from generator.store import schema``): nothing is re-exported, so each name
has one home and importing the package loads nothing.
"""
