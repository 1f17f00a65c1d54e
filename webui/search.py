"""Search pages: results with facets and histogram, their JSON twins and exports."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template

from archive import year_axis
from index import serializers
from index.engine import did_you_mean
from index.filters import FILTERS
from webui import charts, exports, facets, params
from webui.engine import engine
from webui.params import MAX_VALUES
from webui.urls import article_url, url_with

bp = Blueprint("search", __name__)

CSV_HEADER = ["id", "title", "published", "source", "url", "tags", "years", "events", "score"]


def _search():
    """Run the search the query string describes, and a spelling suggestion when nothing matched."""
    args = params.search_args()
    index = engine()
    page = index.search(args.q, page=args.page, page_size=current_app.config["PAGE_SIZE"], **args.narrowing)
    suggestion = did_you_mean(index, args.q, page.total)
    return page, suggestion


@bp.get("/")
@bp.get("/search")
def results():
    """Show one page of hits with the facets, histogram and notes of the whole search."""
    page, suggestion = _search()
    args = params.search_args()
    histogram = charts.year_chart(page.year_bins, args.narrowing.get("years", ()),
                                  (args.narrowing["year_from"], args.narrowing["year_to"]))
    browsing = not args.q.strip() and not any(args.narrowing.get(name) for name in ("year_from", "year_to")) and not any(
        args.narrowing.get(f.name) for f in FILTERS)
    return render_template("search/results.html", page=page, suggestion=suggestion, histogram=histogram,
                           facets=_facets(page, args), overview=_overview(page) if browsing else None)


def _overview(page) -> dict:
    """What the start page says about the archive: counts, spans, the publication chart, top sources and tags."""
    published = {b.year: b.count for b in page.facets.get("pub_year", []) if b.count}
    axis = year_axis.choose_axis(published)
    mentioned = page.year_bins.axis if page.year_bins else None
    years = [b.year for b in page.facets.get("years", []) if b.count and mentioned and mentioned.first <= b.year <= mentioned.last]
    events = engine().timeline(page_size=1)

    def published_url(bar) -> str:  # a bar of several years chooses each year of it that has articles
        return url_with(published=[year for year in sorted(published) if bar.start <= year <= bar.end][:MAX_VALUES])

    return {"articles": page.total, "events": events.total, "undated": page.total - sum(published.values()),
            "published": (min(published), max(published)) if published else None,
            "mentioned": (min(years), max(years)) if years else None,
            "outliers": bool(page.year_bins and (page.year_bins.before or page.year_bins.after)),
            "published_chart": charts.year_chart(year_axis.sum_bins(published, axis)) if axis else None,
            "published_url": published_url,
            "sources": page.terms.get("source", [])[:5], "tags": page.terms.get("tags", [])[:8]}


def _facets(page, args) -> dict:
    """The years facets' chips, the span of the years the matches mention and the undated count."""
    within = (args.narrowing["year_from"], args.narrowing["year_to"])
    published = page.facets.get("pub_year", [])
    axis = page.year_bins.axis if page.year_bins else None
    shown = [b.year for b in page.facets.get("years", []) if b.count and axis and axis.first <= b.year <= axis.last]
    return {"published": facets.year_facet(published), "years": facets.year_facet(page.facets.get("years", []), within),
            "events": facets.year_facet(page.facets.get("events", []), within),
            # With a publication year chosen, every match has a date (the facet counts the others).
            "undated": 0 if args.narrowing.get("pub_years") else page.total - sum(b.count for b in published),
            "span": (min(shown), max(shown)) if shown else None}


@bp.get("/api/search")
def api_search():
    """Return the search page as JSON (the CLI's --json shape plus the web facets)."""
    page, suggestion = _search()
    return jsonify(serializers.search_json(page, suggestion, article_url))


@bp.get("/api/facets")
def api_facets():
    """Return every facet of the search, with counts and selection, as JSON."""
    page, _ = _search()
    return jsonify(serializers.facets_json(page))


@bp.get("/search.csv")
def export_csv():
    """Download every match of the search (not just one page) as CSV."""
    args = params.search_args()
    hits = exports.primed(engine().iter_hits(args.q, **args.narrowing))
    rows = ([h.id, h.title, serializers.iso(h.published), h.source, h.url, "; ".join(h.tags),
             " ".join(map(str, h.years)), " ".join(map(str, h.events)), h.score] for h in hits)
    return exports.csv_response("search.csv", CSV_HEADER, rows)


@bp.get("/search.json")
def export_json():
    """Download every match of the search as one JSON object with a list of hits."""
    args = params.search_args()
    hits = exports.primed(engine().iter_hits(args.q, **args.narrowing))
    return exports.json_response({"query": args.q}, "hits", hits,
                                 lambda hit: serializers.hit_json(hit, article_url), tail={})
