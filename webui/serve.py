"""Serve the web UI with waitress, a production WSGI server that runs anywhere Python does."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import waitress

from webui import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000


def make_server(index_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = 8,
                engine: str = "whoosh", opensearch_url: str | None = None, cluster: dict | None = None):
    """Bind a waitress server of the archive to host:port (0: any free port), not yet serving.

    ``cluster`` holds the cluster settings besides its address (``opensearch_user``, ...).
    :raises OSError: when the address cannot be bound, such as a port in use.
    """
    app = create_app()
    app.config.update(INDEX_DIR=str(index_dir), ENGINE=engine, OPENSEARCH_URL=opensearch_url)
    app.config.update({key.upper(): value for key, value in (cluster or {}).items() if value is not None})
    return waitress.create_server(app, host=host, port=port, threads=threads, ident="timeline-archive")


def run(index_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = 8,
        engine: str = "whoosh", opensearch_url: str | None = None, on_ready: Callable[[], None] | None = None,
        cluster: dict | None = None) -> None:
    """Serve the archive in ``index_dir`` (or on the OpenSearch cluster) on http://host:port until interrupted.

    :raises OSError: when the address cannot be bound (a port in use), before ``on_ready`` is called.
    """
    server = make_server(index_dir, host, port, threads, engine, opensearch_url, cluster)
    if on_ready:
        on_ready()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
