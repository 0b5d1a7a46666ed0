"""`mkdocs build` as an editor runs it, with the plugin's phases timed (run by bench/run.py, in the project)."""
import json
import sys
import time

from generator import pipeline, render

# extract: the whole of pipeline.update_content (read, per-article map, assemble, YAML); findings: the per-article map
# alone (cache look-up, parse, extraction, cache write); render: YAML to Markdown pages.
phases = {"extract_s": 0.0, "findings_s": 0.0, "render_s": 0.0, "parsed": 0}


def _timed(name, real):
    def run(*args, **kwargs):
        start = time.perf_counter()
        out = real(*args, **kwargs)
        phases[f"{name}_s"] += time.perf_counter() - start
        if name == "extract":
            phases["parsed"] += len(out.parsed)
        return out
    return run


pipeline.update_content = _timed("extract", pipeline.update_content)
pipeline._findings = _timed("findings", pipeline._findings)
render.render = _timed("render", render.render)

if __name__ == "__main__":
    from mkdocs.__main__ import cli

    try:
        cli(sys.argv[1:], standalone_mode=False)
    finally:
        phases["spacy_imported"] = "spacy" in sys.modules
        print("PHASES " + json.dumps(phases), file=sys.stderr)
