"""The timeline page: events in chronological order with a density strip, JSON and exports."""
from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from index import serializers
from index.engine import did_you_mean
from webui import charts, exports, params, timelinejs
from webui.engine import engine
from webui.urls import external_sentence_url, sentence_url

bp = Blueprint("timeline", __name__)

@bp.app_template_test("says_more")
def says_more(entry) -> bool:
    """Tell whether an entry's sentence adds to its headline (one cut short, or reworded)."""
    headline = entry.headline.rstrip("…").strip()
    return bool(entry.sentence) and (entry.headline.endswith("…") or headline not in entry.sentence)


def _filters() -> dict:
    start, end = params.year_range()
    article = request.args.get("article", "").strip() or None
    if article and engine().article(article) is None:
        abort(404, f"There is no article with the id '{article}'; its events cannot be shown.")
    return {"year_from": start, "year_to": end, "article": article, **params.timeline_filters()}


def _page(filters: dict):
    """The page the query string asks for, and a spelling to offer when its query matched nothing."""
    index, q = engine(), params.query_text()
    page = index.timeline(q, page=params.page_number(), page_size=current_app.config["TIMELINE_PAGE_SIZE"],
                          **filters)
    return page, did_you_mean(index, q, page.total)


def _all_entries():
    return exports.primed(engine().iter_timeline(params.query_text(), **_filters()))


@bp.get("/timeline")
def index():
    """Show a page of events grouped by year, under a density strip that zooms in on a click."""
    filters = _filters()
    page, suggestion = _page(filters)
    density = charts.year_chart(page.year_bins, chosen=(page.year_from, page.year_to))
    years = [(year, list(entries)) for year, entries in groupby(page.entries, key=lambda e: e.year)]
    return render_template("timeline/index.html", page=page, density=density, years=years, suggestion=suggestion,
                           chosen=filters)


@bp.get("/api/timeline")
def api_timeline():
    """Return the timeline page as JSON."""
    page, suggestion = _page(_filters())
    return jsonify(serializers.timeline_json(page, sentence_url, suggestion))


@bp.get("/timeline.csv")
def export_csv():
    """Download every matching event as CSV."""
    rows = (serializers.entry_row(e, external_sentence_url) for e in _all_entries())
    return exports.csv_response("timeline.csv", serializers.EVENT_CSV_FIELDS, rows)


@bp.get("/timeline.json")
def export_json():
    """Download every matching event as one JSON object with a list of events."""
    return exports.json_response({"query": params.query_text(), **_filters()}, "events", _all_entries(),
                                 lambda entry: serializers.entry_json(entry, sentence_url), tail={})


@bp.get("/timeline.timelinejs.json")
def export_timelinejs():
    """Download every matching event in TimelineJS's JSON format."""
    head = {"title": timelinejs.title(params.query_text())}
    return exports.json_response(head, "events", _all_entries(), timelinejs.event)
