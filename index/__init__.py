"""The search index, behind an engine-neutral seam: callers get plain dataclasses, never engine objects.

``index.whoosh`` holds the embedded Whoosh engine, the only code that imports ``whoosh``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from archive.config import Settings
from archive.errors import ConfigError

if TYPE_CHECKING:
    from index.engine import Engine


def open_engine(settings: Settings) -> Engine:
    """Return the engine the settings choose (``settings.engine``), ready to search and reindex.

    Engines are imported here, on demand: a Whoosh archive never loads the OpenSearch client.
    :raises ConfigError: for an engine this installation does not have.
    """
    if settings.engine == "whoosh":
        from index.whoosh.engine import WhooshEngine

        return WhooshEngine(settings.index_dir)
    if settings.engine == "opensearch":
        try:
            from index.opensearch.engine import OpenSearchEngine
        except ImportError as error:
            raise ConfigError(f"The opensearch engine cannot be loaded: {error}.") from error
        return OpenSearchEngine(settings)
    raise ConfigError(f"Unknown engine '{settings.engine}'.")
