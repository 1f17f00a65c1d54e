"""Where the corpus and the index live: defaults, then archive.yaml, then environment, then flags."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

import yaml

from archive.errors import ConfigError

CONFIG_FILE = "archive.yaml"
KEYS = {"corpus": "corpus_dir", "index": "index_dir"}
ENVIRONMENT = {"ARCHIVE_CORPUS_DIR": "corpus_dir", "ARCHIVE_INDEX_DIR": "index_dir"}


@dataclass(frozen=True)
class Settings:
    """The folders the archive reads its articles from and writes its index to."""

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("instance") / "index"


def load_settings(config_file: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Return the settings from ``config_file`` (default ./archive.yaml, if present) and ``environ``.

    Relative paths in the file are read from the file's own folder.
    :raises ConfigError: for a file that is not valid YAML or holds unknown keys.
    """
    settings = Settings()
    path = Path(config_file) if config_file else Path(CONFIG_FILE)
    if config_file or path.exists():
        settings = replace(settings, **_read_file(path))
    for variable, attribute in ENVIRONMENT.items():
        if (environ or {}).get(variable):
            settings = replace(settings, **{attribute: Path(environ[variable])})
    return settings


def _read_file(path: Path) -> dict[str, Path]:
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
    return {KEYS[key]: path.parent / str(value) for key, value in data.items()}
