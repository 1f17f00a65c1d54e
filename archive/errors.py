"""Errors the archive domain raises; each message names the thing and the next step."""
from __future__ import annotations


class ArchiveError(Exception):
    """Base of every error raised by the archive package."""


class CorpusError(ArchiveError):
    """A corpus file that cannot be read as an article."""


class ConfigError(ArchiveError):
    """A configuration file or value that cannot be used."""
