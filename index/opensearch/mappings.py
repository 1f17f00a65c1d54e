"""The OpenSearch indexes of an archive: analysis, fields and names, mirroring the Whoosh schema.

The analysis repeats Whoosh's StemmingAnalyzer with accent folding (index.schema.TEXT_ANALYZER):
the same tokenizer expression (words, with dotted parts such as "u.s.a" or "3.14" kept whole),
lowercase, the same stop words, words of one letter dropped, Snowball English stemming (Lucene's
"porter2", the algorithm of Whoosh's Snowball stemmer), then accents folded, so "cafe" finds "café"
on either engine. Not repeated here: Whoosh's acronym rule ("U.S." and "US" in capitals kept as
words), so such words may match on Whoosh and not on a cluster.
"""
from __future__ import annotations

# Bump when fields or analysis change: a full reindex then builds a new concrete index.
MAPPING_VERSION = 5  # 2: Snowball English stemming, as the Whoosh schema; 3: anchor, refers, repeat (happenings);
# 4: planned, and the happening key (what happened, whatever its date) that finds conflicts;
# 5: a headline's figures in the repeat keys, and the corrected kind

ARTICLES = "articles"
EVENTS = "events"

# Whoosh's STOP_WORDS, so that a word dropped by one engine is dropped by the other.
STOP_WORDS = ("a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is",
              "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we", "when",
              "will", "with", "yet", "you", "your")
MIN_WORD_CHARS = 2
TOKEN_PATTERN = r"\w+(\.?\w+)*"

ANALYSIS = {
    "tokenizer": {
        # group 0: each match is a token (the default, -1, would split on the pattern instead).
        "archive_words": {"type": "pattern", "pattern": TOKEN_PATTERN, "group": 0,
                          "flags": "UNICODE_CHARACTER_CLASS"},
    },
    "filter": {
        "archive_stop": {"type": "stop", "stopwords": list(STOP_WORDS)},
        "archive_min_length": {"type": "length", "min": MIN_WORD_CHARS},
        "archive_stemmer": {"type": "stemmer", "language": "porter2"},  # Snowball English
    },
    "analyzer": {
        "archive_text": {"type": "custom", "tokenizer": "archive_words",
                         "filter": ["lowercase", "archive_stop", "archive_min_length", "archive_stemmer",
                                    "asciifolding"]},
    },
    "normalizer": {
        # Sources and tags compare in any case, as Whoosh's lowercased KEYWORD fields do.
        "archive_lowercase": {"type": "custom", "filter": ["lowercase"]},
    },
}

_TEXT = {"type": "text", "analyzer": "archive_text"}
_KEYWORD = {"type": "keyword"}
_LOWER_KEYWORD = {"type": "keyword", "normalizer": "archive_lowercase"}
_YEAR = {"type": "integer"}
_STORED_ONLY = {"type": "object", "enabled": False}


def index_settings(shards: int = 1, replicas: int = 1) -> dict:
    """Return the settings every archive index is created with."""
    return {"number_of_shards": shards, "number_of_replicas": replicas, "analysis": ANALYSIS,
            # One refresh at the end of a reindex, not one a second while it writes.
            "refresh_interval": "-1",
            # Snippets highlight whole bodies (up to 2 MB of text): above OpenSearch's default 1,000,000.
            "highlight.max_analyzed_offset": 4_000_000}


ARTICLE_MAPPINGS = {
    "dynamic": "strict",
    "_meta": {"mapping_version": MAPPING_VERSION},
    "properties": {
        "id": _KEYWORD,
        "path": {"type": "keyword", "index": False},
        "content_hash": _KEYWORD,
        "title": _TEXT,
        "body": _TEXT,
        "published": {"type": "date", "format": "strict_date"},
        "day": {"type": "integer"},  # yyyymmdd, 0 for none: sorted on, as in Whoosh
        "pub_year": _YEAR,
        "years": _YEAR,
        "events": _YEAR,
        "source": {"type": "keyword", "index": False},  # as written; source_terms is searched
        "source_terms": _LOWER_KEYWORD,
        "tags": {"type": "keyword", "index": False},
        "tag_terms": _LOWER_KEYWORD,
        "language": _KEYWORD,
        "url": {"type": "keyword", "index": False},
        "metadata": _STORED_ONLY,
    },
}

EVENT_MAPPINGS = {
    "dynamic": "strict",
    "_meta": {"mapping_version": MAPPING_VERSION},
    "properties": {
        "id": _KEYWORD,
        "kind": _KEYWORD,  # "extracted", "curated", "hidden" or "corrected" (by a correction)
        "anchor": _KEYWORD,  # how the date was found: "text", "publication" or "context"
        "refers": _KEYWORD,  # "yes" for a sentence about the article's subject that does not name it
        "repeat": {"type": "long"},  # equal for repeats of one happening: index.happenings
        "happening": {"type": "long"},  # the same words whatever the date: index.conflicts
        "planned": {"type": "boolean", "index": False},  # still to come when written: archive.plans
        "article_id": _KEYWORD,
        "value": {"type": "keyword", "index": False},
        "year": _YEAR,
        "order": {"type": "long"},  # index.timeline_order: the timeline is sorted on it
        "seq": {"type": "long"},  # order of writing, to break ties as Whoosh's document order does
        "published": {"type": "integer", "index": False},
        "precision": {"type": "keyword", "index": False},
        "modifier": {"type": "keyword", "index": False},
        "earliest": {"type": "integer", "index": False},
        "latest": {"type": "integer", "index": False},
        "headline": _TEXT,
        "sentence": _TEXT,
        "article_title": _TEXT,
        "start": {"type": "integer", "index": False},
        "end": {"type": "integer", "index": False},
        "sources": {"type": "keyword", "index": False},
        "tags": {"type": "keyword", "index": False},
        "tag_terms": _LOWER_KEYWORD,
    },
}

MAPPINGS = {ARTICLES: ARTICLE_MAPPINGS, EVENTS: EVENT_MAPPINGS}


def alias_name(prefix: str, kind: str) -> str:
    """The name searches use: an alias moved atomically from one concrete index to the next."""
    return f"{prefix}-{kind}"


def concrete_name(prefix: str, kind: str, stamp: str) -> str:
    """The name of one build of an index; ``stamp`` orders builds (a UTC time to the microsecond)."""
    return f"{prefix}-{kind}-{stamp}"
