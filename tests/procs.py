"""Real subprocesses for the reliability tests: the archive command, kills, limits and privileges.

Everything here runs the project's own code in a separate Python process, as a researcher
would, so that a kill, a full disk or a read-only folder hits a real reindex, not a mock.
"""
from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIMEOUT = 300  # seconds: only a hang reaches it, and a hang is a failure


def environment() -> dict[str, str]:
    """Return this environment with the checkout importable (for ``-m tests.…`` helpers too)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def archive(*args: str, **options) -> subprocess.CompletedProcess:
    """Run ``python -m archive.cli ARGS`` to its end and return what it printed."""
    return subprocess.run([PYTHON, "-m", "archive.cli", *args], cwd=REPO, env=environment(),
                          capture_output=True, text=True, timeout=TIMEOUT, **options)


def start_archive(*args: str, **options) -> subprocess.Popen:
    """Start ``python -m archive.cli ARGS`` in a session of its own (see ``kill_session``)."""
    options.setdefault("stdout", subprocess.DEVNULL)
    options.setdefault("stderr", subprocess.DEVNULL)
    return subprocess.Popen([PYTHON, "-m", "archive.cli", *args], cwd=REPO, env=environment(),
                            start_new_session=True, **options)


def start_python(module: str, *args: str, **options) -> subprocess.Popen:
    """Start ``python -m MODULE ARGS`` (a helper under tests/) in a session of its own."""
    return subprocess.Popen([PYTHON, "-m", module, *args], cwd=REPO, env=environment(),
                            start_new_session=True, **options)


def run_code(code: str, *args: str, **options) -> subprocess.CompletedProcess:
    """Run ``python -c CODE ARGS`` to its end and return what it printed."""
    return subprocess.run([PYTHON, "-c", code, *args], cwd=REPO, env=environment(),
                          capture_output=True, text=True, timeout=TIMEOUT, **options)


def start_code(code: str, *args: str, **options) -> subprocess.Popen:
    """Start ``python -c CODE ARGS`` in a session of its own."""
    return subprocess.Popen([PYTHON, "-c", code, *args], cwd=REPO, env=environment(),
                            start_new_session=True, **options)


def kill_session(process: subprocess.Popen) -> None:
    """SIGKILL what is left of a process started here and of the children it forked."""
    try:
        os.killpg(process.pid, signal.SIGKILL)  # its session id is its pid
    except ProcessLookupError:
        pass
    process.wait(timeout=TIMEOUT)


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Linux capabilities that let root read and write any file whatever its permissions.
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_PR_CAPBSET_DROP = 24


def obey_file_permissions() -> None:
    """``preexec_fn``: make the child obey file permissions even when the tests run as root.

    Root reads a ``chmod 000`` file and writes into a ``chmod 555`` folder. Dropping the two
    capabilities that allow it from the bounding set before ``exec`` leaves the new program
    (still root, still owner of the files) bound by the permission bits like any user.
    Containers keep CAP_SETPCAP, which this needs, in their default set.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"cannot drop capability {capability}: {os.strerror(error)}")
