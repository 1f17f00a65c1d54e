"""Serve the web UI with waitress, a production WSGI server that runs anywhere Python does."""
from __future__ import annotations

from pathlib import Path

import waitress

from webui import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000


def run(index_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = 8) -> None:
    """Serve the archive in ``index_dir`` on http://host:port until interrupted."""
    app = create_app()
    app.config["INDEX_DIR"] = str(index_dir)
    waitress.serve(app, host=host, port=port, threads=threads, ident="timeline-archive")
