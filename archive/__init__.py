"""The archive domain: articles, corpus readers, date tagging. No search engine, no web."""
from archive.errors import ArchiveError, CorpusError
from archive.models import Article, FileRead, Problem

__all__ = ["Article", "ArchiveError", "CorpusError", "FileRead", "Problem"]
