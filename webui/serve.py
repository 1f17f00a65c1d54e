"""Serve the web UI with waitress, a production WSGI server that runs anywhere Python does."""
from __future__ import annotations

from pathlib import Path

import waitress

from webui import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000


def run(index_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = 8,
        engine: str = "whoosh", opensearch_url: str | None = None, cluster: dict | None = None) -> None:
    """Serve the archive in ``index_dir`` (or on the OpenSearch cluster) on http://host:port until interrupted.

    ``cluster`` holds the cluster settings besides its address (``opensearch_user``, ...).
    """
    app = create_app()
    app.config.update(INDEX_DIR=str(index_dir), ENGINE=engine, OPENSEARCH_URL=opensearch_url)
    app.config.update({key.upper(): value for key, value in (cluster or {}).items() if value is not None})
    waitress.serve(app, host=host, port=port, threads=threads, ident="timeline-archive")
