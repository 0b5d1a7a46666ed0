"""content/ on disk: the one schema, deterministic YAML in and out, files replaced all or nothing, the editors'
corrections merged in, and the checks the schema cannot make.

- ``schema``: validation of content/ and its JSON Schema export, both derived from ``generator.records``;
- ``yaml_text``: a content file's text (readable YAML under a header naming its schema), parsed back with the
  line of every key;
- ``atomic``: files replaced atomically when their bytes differ, a run's files all or nothing;
- ``story_content``: a story's files read back as records (what rendering reads when the run did not hand it the
  story), or a merge's output made records;
- ``merge``: the three-way merge of the last machine output, the editor's file and the new machine output;
- ``checks``: ids unique, references that resolve, dates that exist.

Callers import the module they use (``from generator.store import atomic``): nothing is re-exported, so each name
has one home and importing the package loads nothing.
"""
