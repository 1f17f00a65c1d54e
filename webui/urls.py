"""Links that keep the page's state: every filter, sort and page lives in the query string."""
from __future__ import annotations

from archive.labels import plural, year_label, year_span  # noqa: F401 - templates and charts use them from here

from urllib.parse import urlencode, urlsplit

from flask import Flask, g, request, url_for

from index.filters import FILTERS, TIMELINE_FILTERS, URL_ARGS

from webui.markup import isolated, isolated_text, snippet

# Arguments that describe the state of a page; anything else in a URL is dropped from links.
STATE_ARGS = ("q", *URL_ARGS, "sort", "article", *(f.arg for f in TIMELINE_FILTERS), "page")


def current_args() -> dict[str, list[str]]:
    """Return the state arguments of this request, each as a list of its non-blank values."""
    if "state_args" not in g:  # read once per request: a results page makes hundreds of links
        g.state_args = {name: values for name in STATE_ARGS
                        if (values := [v for v in request.args.getlist(name) if v.strip()])}
    return {name: list(values) for name, values in g.state_args.items()}


def url_with(endpoint: str | None = None, **changes) -> str:
    """Return a URL of ``endpoint`` (this page by default) with the current state, changed.

    A change of None removes the argument; any change but one of ``page`` starts at page 1.
    """
    args = current_args()
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        name = name.rstrip("_")  # from_=1990, since "from" is a Python keyword
        if value is None or value == [] or value == "":
            args.pop(name, None)
        else:
            args[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    view_args = (request.view_args or {}) if endpoint is None else {}
    return url_for(endpoint or request.endpoint, **view_args, **args)


# The arguments only one of the two pages reads: dropped when going from one to the other.
_ONLY_ON = {"timeline.index": ("sort",), "search.results": ("article", *(f.arg for f in TIMELINE_FILTERS))}


def counterpart_url(endpoint: str) -> str:
    """Return the search (or the timeline) of this page's query and filters: "timeline of these matches", and back.

    The search's article filters (source, tag, years mentioned) ride along to the timeline,
    which names them as not applied, so that the way back restores the whole search.
    """
    args = current_args()
    for name in _ONLY_ON[endpoint] + ("page",):
        args.pop(name, None)
    return url_for(endpoint, **args)


def unapplied_filters() -> list[tuple[str, str]]:
    """The search's filters in this timeline's address, which narrow articles, not happenings: (label, value)."""
    args = current_args()
    return [(f.label, value) for f in FILTERS for value in args.get(f.arg, [])]


def toggle_url(name: str, value) -> str:
    """Return this page's URL with ``value`` added to, or removed from, argument ``name``."""
    values = current_args().get(name, [])
    text = str(value)
    if _has(values, text):
        return url_with(**{name: [v for v in values if v.lower() != text.lower()]})
    # Adding is what a facet of thousands of years does for each chip: build the rest of
    # the URL once per request and append the one new argument.
    bases = g.setdefault("toggle_bases", {})
    if name not in bases:
        bases[name] = url_with(**{name: values})
    base = bases[name]
    return base + ("&" if "?" in base else "?") + urlencode({name: text})


def _has(values: list[str], text: str) -> bool:
    return any(v.strip().lower() == text.lower() for v in values)


def year_bar_url(bar) -> str:
    """Return the search narrowed to a chart bar: its year added to the chosen ones, or its range."""
    if bar.kind == "bin" and bar.start == bar.end:
        return toggle_url("year", bar.start)
    return range_url(bar)


def range_url(bar) -> str:
    """Return this page zoomed in on the years of a bar ("earlier"/"later" bars: everything beyond the axis)."""
    if bar.kind == "before":
        return url_with(from_=None, to=bar.end)
    if bar.kind == "after":
        return url_with(from_=bar.start, to=None)
    return url_with(from_=bar.start, to=bar.end)


def range_template() -> str:
    """This page's URL for a range chosen by dragging across the chart: FROM and TO stand for the years."""
    return url_with(from_="FROM", to="TO")


def article_url(article_id: str) -> str:
    """Return the address of an article's page."""
    return url_for("articles.show", article_id=article_id)


def sentence_url(entry, external: bool = False) -> str | None:
    """Return the address of an event's sentence in its article, or None for a curated event."""
    if not entry.article_id:
        return None
    return url_for("articles.show", article_id=entry.article_id, _anchor=f"event-{entry.id}", _external=external)


def external_sentence_url(entry) -> str | None:
    """Return the full address (with host) of an event's sentence, for files read elsewhere."""
    return sentence_url(entry, external=True)


def safe_href(url: str | None) -> str | None:
    """Return ``url`` when it is an absolute http(s) link, else None (never javascript: or data:)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # such as an unclosed "[" in the host
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def long_date(day) -> str:
    """Write a date as a reader does: 6 December 2025."""
    return f"{day.day} {day:%B} {day.year}" if day else "no date"


def register_template_helpers(app: Flask) -> None:
    """Make the link helpers and the year and snippet filters available to every template."""
    app.jinja_env.globals.update(filters=FILTERS, filter_args=URL_ARGS, timeline_filters=TIMELINE_FILTERS,
                                 counterpart_url=counterpart_url, unapplied_filters=unapplied_filters, url_with=url_with, toggle_url=toggle_url,
                                 safe_href=safe_href, year_bar_url=year_bar_url, range_url=range_url,
                                 range_template=range_template)
    app.jinja_env.filters.update(count=plural, year_span=year_span, year=year_label, snippet=snippet, long_date=long_date, bdi=isolated,
                                 isolate=isolated_text)
