"""Explainer: a folder of news articles about one story becomes a browsable explainer site."""

# Part of every cache key: bump when extraction changes what it yields for the same text.
__version__ = "0.1.0"
