"""Curated corrections on merged entries, on the cluster (the rule and its reasons: index.corrections).

The corrected and hidden events are few: one search reads their keys. A timeline's query then
leaves out every event of a hidden happening (by its repeat key) and filters the events of a
redated happening by the correction's year; the fold puts the corrected event first, and an
article's page shows its events of a corrected happening with the correction's date and headline.
"""
from __future__ import annotations

from index import corrections
from index.corrections import Corrections
from index.happenings import entry_from_fields
from index.opensearch import events
from index.opensearch.connection import ClusterSettings
from index.results import TimelineEntry

KINDS = ["hidden", "corrected"]


def read(settings: ClusterSettings, index: str | None = None) -> Corrections[dict]:
    """The happenings that corrections hide or head, the heads as event keys (index.opensearch.events.key)."""
    query = {"terms": {"kind": KINDS}}
    source = events.KEY_FIELDS + ["kind"]
    hits = events.search(settings, {"query": query, "sort": events.SORT, "_source": source, "size": events.WINDOW,
                                    "track_total_hits": False}, index)["hits"]["hits"]
    if len(hits) == events.WINDOW:  # more than one search holds: a curator's life's work
        hits = list(events.every(settings, query, source, index=index))
    keys = [(events.key(hit), hit["_source"].get("kind")) for hit in hits]
    hidden = [k["repeat"] for k, kind in keys if kind == "hidden"]
    corrected = [(k["repeat"], k) for k, kind in keys if kind == "corrected"]
    return corrections.of(hidden, corrected)


def narrowed(query: dict, fixes: Corrections[dict], year_from: int | None, year_to: int | None) -> dict:
    """A timeline's bool query without the hidden happenings, and within the years asked for: an event
    of a redated happening by the correction's year, as the entry shows it."""
    parts = query["bool"]
    must_not = list(parts.get("must_not", []))
    filters = list(parts.get("filter", []))
    if fixes.hidden:
        must_not.append({"terms": {"repeat": sorted(fixes.hidden)}})
    if year_from is not None or year_to is not None:
        years = {"range": {"year": {k: v for k, v in (("gte", year_from), ("lte", year_to)) if v is not None}}}
        if fixes.heads:
            low = year_from if year_from is not None else float("-inf")
            high = year_to if year_to is not None else float("inf")
            inside = sorted(k for k, head in fixes.heads.items() if low <= head["year"] <= high)
            either = [{"bool": {"filter": [years], "must_not": [{"terms": {"repeat": sorted(fixes.heads)}}]}}]
            if inside:
                either.append({"terms": {"repeat": inside}})
            years = {"bool": {"should": either, "minimum_should_match": 1}}
        filters.append(years)
    return {"bool": {**parts, "filter": filters, "must_not": must_not}}


def headed(settings: ClusterSettings, groups: list[list[dict]], fixes: Corrections[dict]) -> list[list[dict]]:
    """The happenings with each corrected event first (index.corrections), in timeline order."""
    return fixes.headed(groups, lambda k: k["repeat"], lambda k: k["sort"], events.same)


def article_entries(settings: ClusterSettings, stored: list[dict], fixes: Corrections[dict],
                    index: str | None = None) -> list[TimelineEntry]:
    """The entries of an article's events (their stored fields), hidden happenings left out, those of a
    corrected one with its date and headline."""
    shown = [fields for fields in stored if fields.get("repeat") not in fixes.hidden]
    heads = {key: head for key, head in fixes.heads.items()
             if any(fields.get("repeat") == key for fields in shown)}
    found = events.sources(settings, [head["_id"] for head in heads.values()], index) if heads else {}
    entries = []
    for fields in shown:
        entry = entry_from_fields(fields)
        head = heads.get(fields.get("repeat"))
        if head is not None and head["_id"] in found:
            entry = corrections.as_corrected(entry, entry_from_fields(found[head["_id"]]))
        entries.append(entry)
    return entries
