"""Where the corpus and the index live: defaults, then archive.yaml, then environment, then flags."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from archive.errors import ConfigError

CONFIG_FILE = "archive.yaml"
ENGINES = ("whoosh", "opensearch")
PATH_KEYS = {"corpus": "corpus_dir", "index": "index_dir"}  # relative paths are read from the file's folder
# What a real cluster needs besides its address: credentials, TLS, and the name of the archive's indexes.
CLUSTER_KEYS = ("opensearch_user", "opensearch_password", "opensearch_ca_certs", "opensearch_verify_certs",
                "opensearch_index")
TEXT_KEYS = {"engine": "engine", "opensearch_url": "opensearch_url", **{key: key for key in CLUSTER_KEYS}}
KEYS = {**PATH_KEYS, **TEXT_KEYS}
ENVIRONMENT = {"ARCHIVE_CORPUS_DIR": "corpus_dir", "ARCHIVE_INDEX_DIR": "index_dir",
               "ARCHIVE_ENGINE": "engine", "ARCHIVE_OPENSEARCH_URL": "opensearch_url",
               **{f"ARCHIVE_{key.upper()}": key for key in CLUSTER_KEYS}}


@dataclass(frozen=True)
class Settings:
    """The folder the archive reads its articles from, and the engine and place of its index.

    ``engine`` is "whoosh" (the default: an index in ``index_dir``) or "opensearch" (an index on
    the cluster at ``opensearch_url``, such as http://localhost:9200, or several node
    addresses separated by commas). A cluster with security on needs ``opensearch_user`` and
    ``opensearch_password``, and for https a ``opensearch_ca_certs`` file of its certificate
    authority (``opensearch_verify_certs: false`` only for a test cluster's self-signed one).
    ``opensearch_index`` names the archive's indexes on the cluster, so that several archives
    can share one.
    """

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("instance") / "index"
    engine: str = "whoosh"
    opensearch_url: str | None = None
    opensearch_user: str | None = None
    opensearch_password: str | None = None
    opensearch_ca_certs: str | None = None
    opensearch_verify_certs: str = "true"
    opensearch_index: str = "archive"


def load_settings(config_file: Path | None = None, environ: Mapping[str, str] | None = None, **flags) -> Settings:
    """Return the settings from ``config_file`` (default ./archive.yaml, if present), ``environ``, then ``flags``.

    Relative paths in the file are read from the file's own folder. ``flags`` are the command
    line's (index_dir=..., engine=...); those that are None are not given.
    :raises ConfigError: for a file that is not valid YAML, holds unknown keys or names no engine.
    """
    settings = Settings()
    path = Path(config_file) if config_file else Path(CONFIG_FILE)
    if config_file or path.exists():
        settings = replace(settings, **_read_file(path))
    for variable, attribute in ENVIRONMENT.items():
        if (environ or {}).get(variable):
            value = environ[variable]
            settings = replace(settings, **{attribute: Path(value) if attribute.endswith("_dir") else value})
    return checked(replace(settings, **{name: value for name, value in flags.items() if value is not None}))


def checked(settings: Settings) -> Settings:
    """:raises ConfigError: when the settings name an unknown engine or lack the cluster's address."""
    if settings.engine not in ENGINES:
        raise ConfigError(f"Unknown engine '{settings.engine}'; use one of: {', '.join(ENGINES)}.")
    if settings.opensearch_verify_certs.lower() not in ("true", "false", "yes", "no", "1", "0"):
        raise ConfigError(f"opensearch_verify_certs is true or false, not '{settings.opensearch_verify_certs}'.")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,60}", settings.opensearch_index):
        raise ConfigError(f"opensearch_index '{settings.opensearch_index}' cannot name an index: use lowercase "
                          "letters, digits, '-' and '_'.")
    if settings.engine == "opensearch" and not settings.opensearch_url:
        raise ConfigError("The opensearch engine needs the cluster's address: set opensearch_url in "
                          "archive.yaml, ARCHIVE_OPENSEARCH_URL or --opensearch-url.")
    return settings


def _read_file(path: Path) -> dict:
    import yaml  # here, so that a command without archive.yaml starts without loading YAML

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration file ({error.strerror}).") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ConfigError(f"{path}: invalid YAML{where}: {problem}.") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected keys such as 'corpus: ./corpus', found {type(data).__name__}.")
    unknown = sorted(set(map(str, data)) - KEYS.keys())
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}' (known keys: {', '.join(KEYS)}).")
    return {KEYS[key]: path.parent / str(value) if key in PATH_KEYS else str(value) for key, value in data.items()}
