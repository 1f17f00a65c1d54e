"""Timeline queries and pages of two checkouts, interleaved request by request, wall and CPU time.

    python bench/compare_requests.py reuters|onthisday CHECKOUT_A INDEX_A CHECKOUT_B INDEX_B [--runs 20]

Each checkout runs in a worker process of its own, with CHECKOUT/.venv's Python, on an index
its code reads (INDEX_A and INDEX_B may be one index, when both read its format: then only the
code differs). A worker offers its own bench/timeline.py queries (the ``timeline()`` behind
`archive timeline`) and bench/pages.py pages (Flask's test client); the driver sends each
request both checkouts offer to both in turn, alternating which goes first, one warm-up round
and then --runs rounds. Besides the wall time it prints the worker's CPU time per request: on
a machine busy with other work a request's wall time swings with the load, its CPU time far
less. Prints p50 of each and the ratios B/A. Run by hand, never in the test suite.
"""
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def worker(checkout, kind, index):
    sys.path.insert(0, checkout)
    from bench import pages, timeline  # the checkout's own, whatever its module paths
    from webui import create_app
    client = create_app({"TESTING": True, "INDEX_DIR": index}).test_client()

    def page(path):
        assert client.get(path).status_code == 200, path

    requests = {f"timeline() {name}": (lambda o=options: timeline.timeline(Path(index), **o))
                for name, options in timeline.QUERIES[kind].items()}
    requests.update({f"page {path}": (lambda p=path: page(p)) for path in pages.PAGES[kind]})
    print(json.dumps(list(requests)), flush=True)
    for line in sys.stdin:
        request = requests[json.loads(line)]
        wall, cpu = time.perf_counter(), time.process_time()
        request()
        print(json.dumps([(time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000]), flush=True)


def python_of(checkout):
    own = Path(checkout) / '.venv' / 'bin' / 'python'
    return str(own) if own.exists() else sys.executable


def main():
    kind = sys.argv[1]
    a, index_a, b, index_b = (str(Path(arg).resolve()) for arg in sys.argv[2:6])
    runs = int(sys.argv[sys.argv.index('--runs') + 1]) if '--runs' in sys.argv else 20
    procs = {c: subprocess.Popen([python_of(c), __file__, '--worker', c, kind, i], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())
             for c, i in ((a, index_a), (b, index_b))}
    offered = {c: json.loads(p.stdout.readline()) for c, p in procs.items()}
    labels = [label for label in offered[a] if label in offered[b]]
    times = {c: {label: ([], []) for label in labels} for c in procs}
    for run in range(runs + 1):
        for i, label in enumerate(labels):
            for c in ((a, b) if (i + run) % 2 else (b, a)):
                procs[c].stdin.write(json.dumps(label) + '\n'); procs[c].stdin.flush()
                wall, cpu = json.loads(procs[c].stdout.readline())
                if run:
                    times[c][label][0].append(wall)
                    times[c][label][1].append(cpu)
    for p in procs.values():
        p.stdin.close()
    print(f"{kind}: A {a} ({index_a}), B {b} ({index_b}); p50 over {runs} rounds, ms")
    print("| request | A wall | B wall | B/A wall | A CPU | B CPU | B/A CPU |")
    print("|---|---|---|---|---|---|---|")
    for label in labels:
        (wa, ca), (wb, cb) = (tuple(map(statistics.median, times[c][label])) for c in (a, b))
        print(f"| {label} | {wa:.1f} | {wb:.1f} | {wb / wa:.2f} | {ca:.1f} | {cb:.1f} | {cb / ca:.2f} |")
    only = sorted(set(offered[a]) ^ set(offered[b]))
    if only:
        print("offered by one checkout only (not timed): " + ", ".join(only))


if __name__ == '__main__':
    if sys.argv[1] == '--worker':
        worker(*sys.argv[2:])
    else:
        main()
