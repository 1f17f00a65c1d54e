"""Search pages: results with facets and histogram, their JSON twins and exports."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template

from index import serializers
from webui import charts, exports, params
from webui.engine import engine
from webui.urls import article_url

bp = Blueprint("search", __name__)

CSV_HEADER = ["id", "title", "published", "source", "url", "tags", "years", "events", "score"]


def _search():
    """Run the search the query string describes, and a spelling suggestion when nothing matched."""
    args = params.search_args()
    index = engine()
    page = index.search(args.q, page=args.page, page_size=current_app.config["PAGE_SIZE"], **args.narrowing)
    suggestion = index.suggest(args.q) if args.q.strip() and not page.total else None
    return page, suggestion


@bp.get("/")
@bp.get("/search")
def results():
    """Show one page of hits with the facets, histogram and notes of the whole search."""
    page, suggestion = _search()
    return render_template("search/results.html", page=page, suggestion=suggestion,
                           histogram=charts.year_histogram(page.facets["years"]))


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
