"""Explainer: a folder of news articles about one story becomes a browsable explainer site."""

# Part of the keys of reading, extraction and the story's YAML (generator/pipeline.py): bump when they change what
# they yield for the same text in a way their code's digest would not show.
__version__ = "0.1.0"
