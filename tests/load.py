"""Load on a real `archive serve`: a generated archive, a mix of requests, clients on threads.

Used by tests/test_serve_load.py (a few seconds, in every run) and tests/stress/ (longer,
printing throughput and latency). Clients speak HTTP/1.1 over the loopback interface with
``http.client``; each keeps its connection open, as a browser does.
"""
from __future__ import annotations

import http.client
import json
import random
import signal
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tests.procs import TIMEOUT, free_port, kill_session, start_archive

WORDS = ("glacier river summit treaty robot harbour election vaccine satellite reactor festival archive "
         "drought border merger strike museum telescope bridge pipeline").split()
SOURCES = ("Daily Planet", "Harbour Times", "Science Weekly", "Border Post")
TAGS = ("politics", "science", "economy", "culture", "climate")


def varied_articles(count: int, seed: int = 20261125) -> dict[str, str]:
    """Return ``count`` articles with varied words, dates, years, sources and tags."""
    rng = random.Random(seed)
    articles = {}
    for number in range(count):
        words = rng.sample(WORDS, 3)
        sentences = [f"In {rng.randint(1950, 2024)}, the {w} {rng.choice(WORDS)} was reported." for w in words]
        sentences.append(f"By May {rng.randint(1990, 2024)} the {words[0]} work went on.")
        articles[f"news/n{number:04d}.md"] = (
            f"---\ntitle: The {words[0]} and the {words[1]} ({number})\n"
            f"date: {rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"source: {rng.choice(SOURCES)}\ntags: [{', '.join(rng.sample(TAGS, 2))}]\n---\n"
            + " ".join(sentences) + "\n")
    return articles


@dataclass(frozen=True)
class Request:
    path: str
    status: int = 200  # the status this request must get
    kind: str = "html"  # html, json or csv: what the body must be


def request_mix(article_ids: list[str]) -> list[Request]:
    """Return the requests clients draw from: every page and format, and intended errors."""
    mix = [Request(f"/search?q={word}") for word in WORDS[:8]]
    mix += [Request("/"), Request("/search?q=glacier+OR+river&sort=newest&page=2"),
            Request("/search?q=&year=2001&year=1999"), Request("/search?q=title:treaty&published=2010"),
            Request("/timeline"), Request("/timeline?page=3"), Request("/timeline?q=glacier&from=1960&to=2000"),
            Request("/api/search?q=robot", kind="json"), Request("/api/facets?q=summit", kind="json"),
            Request("/api/timeline?q=river&page=2", kind="json"), Request("/search.csv?q=treaty", kind="csv"),
            Request("/timeline.json?q=glacier", kind="json"), Request("/timeline.timelinejs.json?from=2000", kind="json")]
    mix += [Request(f"/articles/{i}") for i in article_ids[:10]]
    mix += [Request(f"/api/articles/{i}?q=glacier", kind="json") for i in article_ids[10:15]]
    mix += [Request("/articles/no/such/article", 404), Request("/search?q=author:x", 400),
            Request("/api/search?page=abc", 400, "json"), Request("/timeline?from=2000&to=1990", 400)]
    # Paths that try to leave the static folder or the index, sent as written (no client normalises them).
    mix += [Request(path, 404) for path in ("/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                                            "/static/..%5c..%5cpyproject.toml", "/articles/%252e%252e/etc/passwd")]
    return mix


@dataclass(frozen=True)
class Answer:
    path: str
    seconds: float
    problem: str | None  # None when the answer was the one expected


class Load:
    """Clients on threads drawing requests from a mix until a deadline; their answers."""

    def __init__(self, base: str, mix: list[Request], clients: int = 8, seed: int = 20261125):
        self.host, self.port = base.removeprefix("http://").split(":")
        self.mix, self.clients, self.seed = mix, clients, seed
        self.answers: list[Answer] = []
        self.elapsed = 0.0
        self._lock = threading.Lock()

    def run(self, seconds: float, until: threading.Event | None = None) -> None:
        """Keep every client busy for ``seconds``, and on until ``until`` is set if given."""
        started = time.monotonic()
        threads = [threading.Thread(target=self._client, args=(number, started + seconds, until))
                   for number in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.monotonic() - started

    def _client(self, number: int, deadline: float, until: threading.Event | None) -> None:
        rng = random.Random(self.seed + number)
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=60)
        answers = []
        while time.monotonic() < deadline or (until is not None and not until.is_set()):
            request = rng.choice(self.mix)
            started = time.perf_counter()
            try:
                connection.request("GET", request.path)
                response = connection.getresponse()
                problem = _check(request, response.status, response.read())
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {error}"
                connection.close()  # reconnect on the next request
            answers.append(Answer(request.path, time.perf_counter() - started, problem))
        connection.close()
        with self._lock:
            self.answers.extend(answers)

    @property
    def problems(self) -> list[Answer]:
        return [a for a in self.answers if a.problem]

    def figures(self) -> str:
        """Say how many requests were served, how fast, and how many went wrong."""
        latencies = sorted(a.seconds for a in self.answers)
        p50 = latencies[len(latencies) // 2] * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        return (f"{self.clients} clients x {self.elapsed:.0f} s: {len(self.answers)} requests, "
                f"{len(self.answers) / self.elapsed:.1f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
                f"{len(self.problems)} errors")


def _check(request: Request, status: int, body: bytes) -> str | None:
    if status != request.status:
        return f"status {status}, expected {request.status}"
    text = body.decode("utf-8")
    if "[project]" in text or "root:x:" in text:
        return "a file from outside the index"
    if request.kind == "json":
        json.loads(text)
    elif request.kind == "csv":
        if not text.startswith("id,"):
            return "not the CSV export"
    elif "</html>" not in text:
        return "an incomplete page"
    return None


@contextmanager
def serving(index_dir: Path, log: Path) -> Iterator[str]:
    """Run `archive serve` on a free loopback port; yield its base URL; stop it as Ctrl+C does.

    The server's messages go to ``log`` (a pipe nobody reads could fill up and stall it).
    """
    port = free_port()
    with open(log, "w", encoding="utf-8") as output:
        server = start_archive("serve", "--host", "127.0.0.1", "--port", str(port), "--index", str(index_dir),
                               stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(server, port, log)
        yield f"http://127.0.0.1:{port}"
        server.send_signal(signal.SIGINT)
        server.wait(timeout=TIMEOUT)
    finally:
        kill_session(server)


def get(base: str, path: str) -> tuple[int, str]:
    """Return the status and text of one GET request."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def _wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"archive serve exited: {log.read_text(encoding='utf-8')}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/search")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("archive serve did not answer")
