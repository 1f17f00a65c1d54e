"""Where the cluster is and how to talk to it; every failure to reach it becomes one sentence.

A cluster that cannot be reached, refuses the credentials or answers 5xx raises
ClusterUnavailableError, a SearchIndexError: the command line prints it as one line and the
web interface answers 503 with it, the same as for a missing Whoosh index.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlsplit

import opensearchpy
from opensearchpy import OpenSearch

from index.errors import SearchIndexError

DEFAULT_URL = "http://127.0.0.1:9200"


class ClusterUnavailableError(SearchIndexError):
    """The OpenSearch cluster cannot be reached, refuses the archive, or cannot answer now."""


@dataclass(frozen=True)
class ClusterSettings:
    """How to reach a cluster: node URLs (any one will do), credentials, TLS, and index naming."""

    urls: tuple[str, ...] = (DEFAULT_URL,)
    user: str | None = None
    password: str | None = None
    verify_certs: bool = True  # for https URLs; off only for a test cluster with a self-signed certificate
    ca_certs: str | None = None  # a PEM file of the certificate authority that signed the cluster's
    prefix: str = "archive"  # names the aliases "<prefix>-articles" and "<prefix>-events"
    shards: int = 1
    replicas: int = 1
    timeout_s: float = 30.0

    def where(self) -> str:
        """The cluster as a person names it: its URLs, without credentials."""
        return ", ".join(_without_credentials(url) for url in self.urls)


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    return url.replace(parts.netloc, parts.hostname + (f":{parts.port}" if parts.port else "")) if parts.username else url


@functools.lru_cache(maxsize=8)
def client(settings: ClusterSettings) -> OpenSearch:
    """Return a client of the cluster (one per settings: it keeps a pool of connections).

    Every node URL is a host: a request that cannot reach one node is retried on another, which is
    what keeps searches going while a node is down.
    """
    options: dict = dict(timeout=settings.timeout_s, retry_on_timeout=True, max_retries=2,
                         retry_on_status=(502, 503, 504))
    if settings.user is not None:
        options["http_auth"] = (settings.user, settings.password or "")
    if any(url.startswith("https:") for url in settings.urls):
        options.update(use_ssl=True, verify_certs=settings.verify_certs, ssl_show_warn=settings.verify_certs)
        if settings.ca_certs:
            options["ca_certs"] = settings.ca_certs
    return OpenSearch(list(settings.urls), **options)


@contextmanager
def talking_to(settings: ClusterSettings) -> Iterator[None]:
    """Turn a failure to reach or use the cluster into ClusterUnavailableError with a plain reason."""
    try:
        yield
    except opensearchpy.ConnectionTimeout as error:
        raise ClusterUnavailableError(f"The OpenSearch cluster at {settings.where()} did not answer within "
                                      f"{settings.timeout_s:g} s; try again, or check that it is running.") from error
    except opensearchpy.SSLError as error:
        raise ClusterUnavailableError(f"The OpenSearch cluster at {settings.where()} failed the TLS check "
                                      f"({_reason(error)}); set its certificate authority (opensearch_ca_certs).") from error
    except opensearchpy.ConnectionError as error:
        raise ClusterUnavailableError(f"The OpenSearch cluster at {settings.where()} cannot be reached "
                                      f"({_reason(error)}); start it (make cluster) or check opensearch_url.") from error
    except (opensearchpy.AuthenticationException, opensearchpy.AuthorizationException) as error:
        raise ClusterUnavailableError(f"The OpenSearch cluster at {settings.where()} refused the archive "
                                      f"(HTTP {error.status_code}); check opensearch_user and opensearch_password.") from error
    except opensearchpy.TransportError as error:
        if isinstance(error.status_code, int) and (error.status_code >= 500 or error.status_code == 429):
            raise ClusterUnavailableError(f"The OpenSearch cluster at {settings.where()} cannot answer now "
                                          f"(HTTP {error.status_code}: {_reason(error)}); try again.") from error
        raise


def _reason(error: Exception) -> str:
    """The innermost cause of a client error, in one line (urllib3 nests them deeply)."""
    cause = getattr(error, "info", None) or error
    while getattr(cause, "__cause__", None) is not None or getattr(cause, "__context__", None) is not None:
        cause = cause.__cause__ or cause.__context__
    text = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
    if "Connection refused" in text or isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    if isinstance(error, opensearchpy.TransportError) and isinstance(error.info, dict):
        detail = error.info.get("error")
        if isinstance(detail, dict):
            return str(detail.get("reason") or detail.get("type"))[:200]
    return text[:200]


def every_hit(settings: ClusterSettings, index: str, body: dict, size: int) -> Iterator[dict]:
    """Every hit of a search through a point in time, so that a long read sees one state of the index.

    ``body`` holds the query and a sort that orders the hits totally (``search_after`` pages on it).
    """
    os_client = client(settings)
    with talking_to(settings):
        pit = os_client.create_pit(index=index, params={"keep_alive": "5m"})["pit_id"]
    try:
        after = None
        while True:
            page = {**body, "size": size, "pit": {"id": pit, "keep_alive": "5m"}, "track_total_hits": False}
            if after is not None:
                page["search_after"] = after
            with talking_to(settings):
                hits = os_client.search(body=page)["hits"]["hits"]
            yield from hits
            if len(hits) < size:
                return
            after = hits[-1]["sort"]
    finally:
        try:
            os_client.delete_pit(body={"pit_id": [pit]})
        except opensearchpy.OpenSearchException:
            pass  # it expires by itself
