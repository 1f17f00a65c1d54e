"""A timeline page answered by the cluster: one hit per happening by field collapsing, happenings
counted per year by aggregations; only the shown happenings and their rivals are read whole.

- The page: a search collapsed on ``repeat`` (the events of one happening share it) and sorted on
  the packed order (order, seq), so each happening comes once, at its first matching event, as
  the client-side fold places it. OpenSearch 2.19 pages collapsed hits with from/size within
  index.max_result_window; it refuses search_after (allowed from 3.3, and then only sorted on the
  collapse field) and scroll with collapse, so index.opensearch.timeline folds a page past the
  window client-side.
- The counts: a histogram on ``year`` with a cardinality of ``repeat`` per year is the happenings
  per year, as the Whoosh engine counts them; their sum is the total, since the events of one
  happening share its date.
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

# The cardinality aggregation's largest precision_threshold. Below it, the aggregation keeps a hash
# of every value it meets (linear counting), so a count is exact but for a collision of two hashes,
# which is rare at these sizes; above it, the count is an estimate (within about 1-2 %). The
# years are counted one by one, so only a year of more than 40,000 happenings is estimated.
PRECISION = 40_000


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
        "histogram": {"field": "year", "interval": 1, "min_doc_count": 1}, "aggs": {"happenings": _happenings()}}}}}
    if not heads:  # the common case: the page and the counts in one request
        answer = events.search(settings, _collapsed(query, first, size, aggs))
        counts = _per_year(answer)
        keys = [_keys(hit) for hit in answer["hits"]["hits"]]
    else:
        aggs["plain"]["aggs"]["before"] = {"filters": {"filters": {str(k): _before(head["sort"]) for k, head
                                                                    in heads.items()}}, "aggs": {"happenings": _happenings()}}
        aggs["corrected"] = {"filter": aside, "aggs": {"keys": {"terms": {"field": "repeat", "size": len(heads)}}}}
        answer = events.search(settings, {"query": query, "size": 0, "track_total_hits": False, "aggs": aggs})
        counts = _per_year(answer)
        matched = sorted((heads[b["key"]]["sort"], b["key"]) for b in
                         answer["aggregations"]["corrected"]["keys"]["buckets"] if b["key"] in heads)
        for _, key in matched:
            counts[heads[key]["year"]] += 1
        before = {int(name): bucket["happenings"]["value"]
                  for name, bucket in answer["aggregations"]["plain"]["before"]["buckets"].items()}
        keys = _merged(settings, query, aside, heads, [(before[k], k) for _, k in matched], first, size)
    return _read(settings, query, fixes, sum(counts.values()), counts, keys)


def _happenings() -> dict:
    return {"cardinality": {"field": "repeat", "precision_threshold": PRECISION}}


def _per_year(answer: dict) -> Counter:
    return Counter({int(bucket["key"]): bucket["happenings"]["value"]
                    for bucket in answer["aggregations"]["plain"]["years"]["buckets"]})


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
