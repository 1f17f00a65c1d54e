"""The engine the web app searches, opened once per app and configuration."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from archive.config import CLUSTER_KEYS, Settings, checked
from index import open_engine
from index.engine import Engine


def engine() -> Engine:
    """Return the engine of the app's configuration (ENGINE, INDEX_DIR, OPENSEARCH_URL, OPENSEARCH_USER, ...).

    Kept per configuration, so that a test or a server that points INDEX_DIR elsewhere
    after the app was made gets the engine of the new place.
    :raises ConfigError: for an engine name or address that cannot be used.
    """
    config = current_app.config
    cluster = {key: str(config[key.upper()]) for key in CLUSTER_KEYS if config.get(key.upper()) is not None}
    settings = Settings(index_dir=Path(config["INDEX_DIR"]), engine=config.get("ENGINE") or "whoosh",
                        opensearch_url=config.get("OPENSEARCH_URL") or None, **cluster)
    opened = current_app.extensions.setdefault("archive_engines", {})
    if settings not in opened:
        opened[settings] = open_engine(checked(settings))
    return opened[settings]
