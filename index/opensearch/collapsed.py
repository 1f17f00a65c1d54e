"""A timeline page answered by the cluster: one hit per happening by field collapsing, happenings
counted per year by aggregations; only the shown happenings and their rivals are read whole.

- The page: a search collapsed on ``repeat`` (the events of one happening share it) and sorted on
  the packed order (order, seq), so each happening comes once, at its first matching event, as
  the client-side fold places it. OpenSearch 2.19 pages collapsed hits with from/size within
  index.max_result_window; it refuses search_after (allowed from 3.3, and then only sorted on the
  collapse field) and scroll with collapse, so index.opensearch.timeline folds a page past the
  window client-side.
- The counts: a histogram on ``year`` with a cardinality of ``repeat`` per year (a large year
  counted again by slices of the keys, see PRECISION) is the happenings per year, as the Whoosh
  engine counts them; their sum is the total, since the events of one happening share its date.
- A happening a correction redated is placed and counted by the correction's date
  (index.corrections), which sorting on an event's own fields cannot do: such happenings are left
  out of the collapse and the histogram, counted by a terms aggregation, and put back in their
  place, which a filters aggregation gives by counting the other happenings before each of them.
- The shown happenings' events and those of the happenings told with the same words on other
  dates (index.conflicts) are read in one search on their repeat and happening keys: every
  source of each (inner_hits stop at 100 per group, index.max_inner_result_window) and the rivals.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from index.corrections import Corrections
from index.happenings import fold
from index.opensearch import corrections, events
from index.opensearch.connection import ClusterSettings

# How happenings are counted: a cardinality aggregation of the repeat keys. Below its
# precision_threshold (where OpenSearch documents counts as "expected to be close to accurate") it
# keeps the keys' hashes one by one, at 25 bits (HyperLogLog++'s linear counting), so two keys whose
# hashes agree there count once: of n keys, about n² / 2^26 are lost, nothing for a year of a
# thousand happenings (0.015). Above the threshold, at most 40,000 (PRECISION), the count is a
# HyperLogLog estimate: Reuters' 1987, 96,000 happenings, came out 128 short (0.13 %), and in 64
# slices of 1,500 keys, 2 short (as n² / 2^26 says). So each year is counted below EXACT, and a
# year of more events is counted again in slices of the keys (signed 64-bit hashes, evenly spread)
# of PER_SLICE keys, at most MAX_SLICES buckets in all: Reuters' counts then equal the client-side
# fold's (bench/timeline_paths.py). Past a few hundred thousand happenings in a year the slices
# cannot be made small enough, and the count is off by about n² / 2^26 / slices. The cluster sets
# memory aside for each bucket by its threshold (about 400 KB at 40,000: Reuters' 3,000 slices at
# 40,000 broke the request circuit breaker at 1.2 GB), so each threshold is the least its bucket needs.
PRECISION = 40_000
EXACT = 1_000
PER_SLICE = 32  # keys a slice may hold: 32 * n / 2^26 lost, 0.05 for 100,000 happenings
MAX_SLICES = 16_384  # buckets of the second count, far below OpenSearch's search.max_buckets (65,535)


@dataclass
class Page:
    total: int  # happenings matching
    counts: Counter  # happenings per year
    every: list[list[dict]]  # the shown happenings and their rivals, as event keys (events.key), folded
    shown: list[list[dict]]  # the page's happenings, in order (groups of ``every``)
    found: dict[str, dict]  # the stored fields of the events read, by _id


def page(settings: ClusterSettings, query: dict, fixes: Corrections[dict], first: int, size: int) -> Page:
    """The happenings ``first`` to ``first + size`` (within events.WINDOW) of the events matching ``query``."""
    heads = fixes.heads
    aside = {"terms": {"repeat": sorted(heads)}}
    plain = {"bool": {"must_not": [aside]}} if heads else {"match_all": {}}
    aggs = {"plain": {"filter": plain, "aggs": {"years": {
        "histogram": {"field": "year", "interval": 1, "min_doc_count": 1}, "aggs": {"happenings": _happenings(EXACT)}}}}}
    if not heads:  # the common case: the page and the counts in one request
        answer = events.search(settings, _collapsed(query, first, size, aggs))
        counts = _per_year(settings, query, plain, answer)
        keys = [_keys(hit) for hit in answer["hits"]["hits"]]
    else:
        aggs["plain"]["aggs"]["before"] = {"filters": {"filters": {str(k): _before(head["sort"]) for k, head
                                                                    in heads.items()}}, "aggs": {"happenings": _happenings(events.WINDOW)}}
        aggs["corrected"] = {"filter": aside, "aggs": {"keys": {"terms": {"field": "repeat", "size": len(heads)}}}}
        answer = events.search(settings, {"query": query, "size": 0, "track_total_hits": False, "aggs": aggs})
        counts = _per_year(settings, query, plain, answer)
        matched = sorted((heads[b["key"]]["sort"], b["key"]) for b in
                         answer["aggregations"]["corrected"]["keys"]["buckets"] if b["key"] in heads)
        for _, key in matched:
            counts[heads[key]["year"]] += 1
        # How many happenings come before each head: only a place within the window matters (a page
        # past it folds client-side), so counted up to it, where a lost hash (PRECISION) may move
        # a corrected entry by a place.
        before = {int(name): _count(bucket)
                  for name, bucket in answer["aggregations"]["plain"]["before"]["buckets"].items()}
        keys = _merged(settings, query, aside, heads, [(before[k], k) for _, k in matched], first, size)
    return _read(settings, query, fixes, sum(counts.values()), counts, keys)


def _happenings(threshold: int = PRECISION) -> dict:
    return {"cardinality": {"field": "repeat", "precision_threshold": threshold}}


def _count(bucket: dict) -> int:
    return bucket["happenings"]["value"]


def _per_year(settings: ClusterSettings, query: dict, plain: dict, answer: dict) -> Counter:
    """The happenings per year; the years of more than EXACT events counted again, by slices (PRECISION)."""
    buckets = answer["aggregations"]["plain"]["years"]["buckets"]
    counts = Counter({int(bucket["key"]): _count(bucket) for bucket in buckets})
    large = {int(bucket["key"]): bucket["doc_count"] for bucket in buckets if bucket["doc_count"] > EXACT}
    if not large:
        return counts
    slices = max(1, min(MAX_SLICES // len(large), -(-max(large.values()) // PER_SLICE)))
    # A few times the keys a slice may hold: well above them, and little memory (see PRECISION).
    threshold = min(PRECISION, max(100, 4 * -(-max(large.values()) // slices)))
    sliced = {"histogram": {"field": "repeat", "interval": 2 ** 64 // slices, "min_doc_count": 1},
              "aggs": {"happenings": _happenings(threshold)}}
    again = events.search(settings, {"query": query, "size": 0, "track_total_hits": False, "aggs": {"plain": {
        "filter": {"bool": {"filter": [plain, {"terms": {"year": sorted(large)}}]}}, "aggs": {"years": {
            "terms": {"field": "year", "size": len(large)}, "aggs": {"slices": sliced}}}}}})
    for bucket in again["aggregations"]["plain"]["years"]["buckets"]:
        counts[int(bucket["key"])] = sum(map(_count, bucket["slices"]["buckets"]))
    return counts


def _collapsed(query: dict, first: int, size: int, aggs: dict | None = None) -> dict:
    body = {"query": query, "collapse": {"field": "repeat"}, "sort": events.SORT, "from": first, "size": size,
            "_source": ["repeat", "happening"], "track_total_hits": False}
    return body | ({"aggs": aggs} if aggs else {})


def _keys(hit: dict) -> tuple[int, int]:
    return hit["_source"]["repeat"], hit["_source"]["happening"]


def _before(place: tuple) -> dict:
    """The events before a place (order, seq) in the packed order."""
    order, seq = place
    return {"bool": {"should": [{"range": {"order": {"lt": order}}},
                                {"bool": {"filter": [{"term": {"order": order}}, {"range": {"seq": {"lt": seq}}}]}}],
                     "minimum_should_match": 1}}


def _merged(settings: ClusterSettings, query: dict, aside: dict, heads: dict, placed: list[tuple[int, int]],
            first: int, size: int) -> list[tuple[int, int]]:
    """The page's (repeat, happening) keys: the collapsed happenings, and the corrected ones where their
    heads place them; ``placed`` holds, for each matching corrected happening in timeline order, how
    many other happenings come before it."""
    at, last = {}, -1
    for i, (ahead, key) in enumerate(placed):
        last = max(ahead + i, last + 1)  # estimated counts (past PRECISION) must not reorder them
        at[last] = key
    inside = {position: key for position, key in at.items() if first <= position < first + size}
    start = first - sum(1 for position in at if position < first)
    rest = size - len(inside)
    plain = {"bool": {"must": [query], "must_not": [aside]}}
    hits = iter(events.search(settings, _collapsed(plain, start, rest))["hits"]["hits"] if rest else ())
    keys = []
    for position in range(first, first + size):
        if position in inside:
            keys.append((inside[position], heads[inside[position]]["happening"]))
        elif (hit := next(hits, None)) is not None:
            keys.append(_keys(hit))
    return keys


def _read(settings: ClusterSettings, query: dict, fixes: Corrections[dict], total: int, counts: Counter,
          keys: list[tuple[int, int]]) -> Page:
    """Read the events of the page's happenings and of their rivals, fold them, head the corrected ones."""
    if not keys:
        return Page(total, counts, [], [], {})
    wanted = {"bool": {"must": [query], "filter": [{"bool": {"should": [
        {"terms": {"repeat": sorted({r for r, _ in keys})}}, {"terms": {"happening": sorted({h for _, h in keys})}}],
        "minimum_should_match": 1}}]}}
    body = {"query": wanted, "sort": events.SORT, "size": events.WINDOW, "track_total_hits": False}
    hits = events.search(settings, body)["hits"]["hits"]
    if len(hits) == events.WINDOW:  # a phrase thousands of articles repeat: read them all
        hits = list(events.every(settings, wanted))
    every = corrections.headed(settings, fold([events.key(hit) for hit in hits], lambda k: k["repeat"]), fixes)
    groups = {group[0]["repeat"]: group for group in every}
    shown = [groups[repeat] for repeat, _ in keys if repeat in groups]  # one deleted since is left out
    return Page(total, counts, every, shown, {hit["_id"]: hit["_source"] for hit in hits})
