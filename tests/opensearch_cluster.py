"""The 2-node OpenSearch cluster of cluster/ for the tests: started once per run, only when a test asks for it.

The launcher (cluster/src/main/java/archive/cluster/TwoNodeCluster.java) speaks one line per event on
stdout: READY with the node URLs, then STOPPED/STARTED/ERROR answers to the commands written to its stdin.
Closing its stdin makes it quit, so a test run that dies never leaves a JVM behind.
"""
from __future__ import annotations

import os
import queue
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CLUSTER = REPO / "cluster"
START_TIMEOUT_S = 180
# Ports away from OpenSearch's defaults (9200/9300) so that a cluster of the developer's own is left alone;
# node i listens on base + i. A base whose ports are taken (another test run, `make cluster`) is passed over.
HTTP_PORT_ENV, TRANSPORT_PORT_ENV = "ARCHIVE_TEST_CLUSTER_HTTP_PORT", "ARCHIVE_TEST_CLUSTER_TRANSPORT_PORT"
FIRST_HTTP_PORT, TRANSPORT_OFFSET = 9250, 100
HEAP = "768m"


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def cluster_ports() -> tuple[int, int]:
    """Return the HTTP and transport base ports: from the environment, else the first free pair from 9250/9350."""
    if os.environ.get(HTTP_PORT_ENV):
        return int(os.environ[HTTP_PORT_ENV]), int(os.environ.get(TRANSPORT_PORT_ENV, "9350"))
    for http in range(FIRST_HTTP_PORT, FIRST_HTTP_PORT + TRANSPORT_OFFSET, 10):
        transport = http + TRANSPORT_OFFSET
        if all(_port_free(port) for port in (http, http + 1, transport, transport + 1)):
            return http, transport
    raise ClusterError(f"no free ports for the test cluster from {FIRST_HTTP_PORT} to "
                       f"{FIRST_HTTP_PORT + 2 * TRANSPORT_OFFSET - 1}")


class ClusterError(RuntimeError):
    """The launcher could not be built, did not become ready, or refused a command."""


def build_launcher() -> None:
    """Compile the launcher and copy its jars (a no-op in Maven terms when nothing changed)."""
    done = subprocess.run(["mvn", "-q", "-f", str(CLUSTER / "pom.xml"), "package"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ClusterError(f"building cluster/ failed:\n{done.stdout}{done.stderr}")


class RunningCluster:
    """A running launcher: its node URLs, and stop/start of one node for the fault tests."""

    def __init__(self, process: subprocess.Popen, lines: queue.Queue, urls: list[str], errors=None):
        self.process = process
        self._errors = errors  # the launcher's stderr, quoted when it does not start
        self.urls = urls
        self.start_seconds = 0.0
        self._lines = lines

    @classmethod
    def start(cls) -> "RunningCluster":
        started = time.monotonic()
        classpath = f"{CLUSTER / 'target' / 'classes'}{os.pathsep}{CLUSTER / 'target' / 'lib' / '*'}"
        http_port, transport_port = cluster_ports()
        errors = tempfile.TemporaryFile("w+", encoding="utf-8")
        process = subprocess.Popen(
            ["java", "-Xms256m", f"-Xmx{HEAP}", "-cp", classpath, "archive.cluster.TwoNodeCluster",
             "--http-port", str(http_port), "--transport-port", str(transport_port), "--name", "archive-test"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True)
        lines: queue.Queue = queue.Queue()
        # A reader thread, so that every wait on the launcher has a timeout.
        threading.Thread(target=lambda: [lines.put(line.strip()) for line in process.stdout],
                         daemon=True).start()
        cluster = cls(process, lines, [], errors)
        ready = cluster._answer(START_TIMEOUT_S)
        if not ready.startswith("READY "):
            cluster.close()
            errors.seek(0)
            raise ClusterError(f"the cluster did not start: {ready}\n{errors.read()[-2000:]}")
        cluster.urls = ready.split(" ", 1)[1].split(",")
        cluster.start_seconds = time.monotonic() - started
        return cluster

    def _answer(self, timeout_s: float) -> str:
        try:
            return self._lines.get(timeout=timeout_s)
        except queue.Empty:
            return f"no answer within {timeout_s} s (exit code {self.process.poll()})"

    def _command(self, command: str, expected: str, timeout_s: float = START_TIMEOUT_S) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self._answer(timeout_s)
        if answer != expected:
            raise ClusterError(f"{command!r} answered {answer!r}")

    def stop_node(self, index: int) -> None:
        self._command(f"stop {index}", f"STOPPED {index}")

    def start_node(self, index: int) -> None:
        """Start a stopped node again; returns once the cluster has both nodes and is green."""
        self._command(f"start {index}", f"STARTED {index}")

    def rss_bytes(self) -> int:
        """Resident memory of the launcher's JVM (both nodes), from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()  # the end of input is the launcher's quit
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        if self._errors is not None:
            self._errors.close()


@pytest.fixture(scope="session")
def opensearch_cluster():
    """The session's 2-node cluster, built and started on first use and stopped at the end of the run."""
    build_launcher()
    cluster = RunningCluster.start()
    yield cluster
    cluster.close()
