"""Compare the search latency of two checkouts of the archive in one run (say, main and a branch).

    python bench/compare_search.py CORPUS_DIR CHECKOUT_A CHECKOUT_B [--runs 5] [--indexes INDEX_A INDEX_B]

Each checkout runs in a worker process of its own (with CHECKOUT/.venv's Python if there is
one) that indexes the corpus folder with its own code (or opens the index --indexes gives it,
built by that checkout, such as compare_timeline.py --keep leaves), then makes bench/search.py's
query set from the indexed articles (on a corpus of fewer than 200 articles, such as the
sample, words, pairs and phrases of its text instead). A checkout from before the engine seam
(21c2abf) has the same modules one level up (index.writer for index.whoosh.writer).
The driver sends every query to both workers in turn, alternating which goes first, so that
a machine busy with other work slows both alike; it prints p50/p95 of each and their ratio.
Run by hand, never in the test suite.
"""
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def worker(checkout, corpus, built=None):
    sys.path.insert(0, checkout)
    from bench import search as S
    from index.errors import QueryError
    try:
        from index.whoosh.writer import build_index
        from index.whoosh.searcher import search
        from index.whoosh import store, schema
    except ModuleNotFoundError:  # a checkout from before the engine seam (21c2abf) moved them into index/whoosh/
        from index.writer import build_index
        from index.searcher import search
        from index import store, schema
    scratch = Path(tempfile.mkdtemp(prefix='compare-search-'))
    index_dir = Path(built) if built else scratch / 'ix'
    if not built:
        build_index(Path(corpus), index_dir)
    ix = store.open_index(index_dir, schema.ARTICLES)
    with ix.searcher() as s:
        records = sorted(({'id': f['id'], 'title': f.get('title', ''), 'body': f.get('body', '')}
                          for f in s.all_stored_fields()), key=lambda r: r['id'])
    if len(records) >= 200:
        queries = S.make_queries(records)
    else:  # the sample: every word of 4+ letters, pairs and phrases from the same records
        rng = random.Random(S.SEED)
        words = sorted({w for r in records for w in S._words(r['title'] + ' ' + r['body']) if len(w) > 3 and S._usable(w)})
        queries = [S.BenchQuery('word', (w,)) for w in rng.sample(words, min(60, len(words)))]
        queries += [S.BenchQuery('and', tuple(rng.sample(words, 2))) for _ in range(40)]
        for _ in range(40):
            body = S._words(records[rng.randrange(len(records))]['body'])
            i = rng.randrange(len(body) - 2)
            queries.append(S.BenchQuery('phrase', tuple(body[i:i + 2])))
    print(json.dumps([q.label() for q in queries]), flush=True)
    for line in sys.stdin:
        i = int(line)
        q = queries[i]
        narrowing = {"years": (q.year,)} if q.year is not None else {}
        started, cpu = time.perf_counter(), time.process_time()
        try:
            total = search(index_dir, q.whoosh_text, page_size=10, **narrowing).total
        except QueryError:
            total = -1
        print(json.dumps([(time.perf_counter() - started) * 1000, total, (time.process_time() - cpu) * 1000]), flush=True)
    shutil.rmtree(scratch, ignore_errors=True)

def python_of(checkout):
    """The checkout's own interpreter (CHECKOUT/.venv), so that each runs with the libraries it pins."""
    own = Path(checkout) / '.venv' / 'bin' / 'python'
    return str(own) if own.exists() else sys.executable

def main():
    corpus, a, b = (str(Path(arg).resolve()) for arg in sys.argv[1:4])
    runs = int(sys.argv[sys.argv.index('--runs') + 1]) if '--runs' in sys.argv else 5
    at = sys.argv.index('--indexes') + 1 if '--indexes' in sys.argv else None
    built = {a: [str(Path(sys.argv[at]).resolve())], b: [str(Path(sys.argv[at + 1]).resolve())]} if at else {a: [], b: []}
    procs = {c: subprocess.Popen([python_of(c), __file__, '--worker', c, corpus, *built[c]], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir()) for c in (a, b)}
    labels = {c: json.loads(p.stdout.readline()) for c, p in procs.items()}
    assert labels[a] == labels[b], 'different query sets'
    n = len(labels[a])
    times = {c: [[] for _ in range(n)] for c in procs}
    cpus = {c: [] for c in procs}  # the worker's CPU time per search: less swayed by other work than the wall time
    totals = {c: [0] * n for c in procs}
    for run in range(runs + 1):
        for i in range(n):
            order = (a, b) if (i + run) % 2 else (b, a)
            for c in order:
                procs[c].stdin.write(f'{i}\n'); procs[c].stdin.flush()
                t, total, cpu = json.loads(procs[c].stdout.readline())
                if run:
                    times[c][i].append(t)
                    cpus[c].append(cpu)
                totals[c][i] = total
    for c in procs:
        per_query = [statistics.median(ts) for ts in times[c]]
        every = sorted(t for ts in times[c] for t in ts)
        print(f'{c}: {n} queries x {runs} runs: p50 {statistics.median(every):.2f} ms, '
              f'p95 {every[int(len(every) * .95)]:.2f} ms, mean of per-query medians {statistics.mean(per_query):.2f} ms; '
              f'CPU p50 {statistics.median(cpus[c]):.2f} ms, p95 {sorted(cpus[c])[int(len(cpus[c]) * .95)]:.2f} ms')
        procs[c].stdin.close()
    ratio = statistics.median(sorted(t for ts in times[b] for t in ts)) / statistics.median(sorted(t for ts in times[a] for t in ts))
    cpu_ratio = statistics.median(cpus[b]) / statistics.median(cpus[a])
    print(f'p50 {b} / {a}: {ratio:.3f} (CPU {cpu_ratio:.3f}); queries whose match count differs: {sum(x != y for x, y in zip(totals[a], totals[b]))}')

if __name__ == '__main__':
    if sys.argv[1] == '--worker':
        worker(*sys.argv[2:])
    else:
        main()
