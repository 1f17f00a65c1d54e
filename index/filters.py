"""The filters of a search, in one table: each one's name, URL argument, CLI option, field and facet.

The web (``webui/params.py``, ``webui/urls.py``, the templates), the command line and every
engine read this table, so a filter is added or renamed here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filter:
    """One way to narrow a search: articles keep when they hold any of the values chosen."""

    name: str  # keyword of Engine.search and its narrowing (years=(2013,))
    arg: str  # the query-string argument (?year=2013) and CLI option (--year 2013)
    field: str  # the indexed field both engines filter and count on
    facet: str  # the key of its counts in SearchPage and the JSON shapes
    kind: str  # "year" (whole numbers, BC negative) or "term" (compared lowercased)
    label: str  # how a chosen value is named on the results page ("Mentions 1989")
    help: str  # the CLI option's help

    @property
    def option(self) -> str:
        """The CLI option: the URL argument with two dashes, so the two never drift apart."""
        return f"--{self.arg}"


FILTERS: tuple[Filter, ...] = (
    Filter("years", "year", "years", "years", "year", "Mentions", "Keep articles that mention this year (repeatable)."),
    Filter("pub_years", "published", "pub_year", "pub_year", "year", "Published",
           "Keep articles published in this year (repeatable)."),
    Filter("event_years", "event", "events", "events", "year", "Events in",
           "Keep articles that tell of an event in this year (repeatable)."),
    Filter("sources", "source", "source", "source", "term", "Source", "Keep articles from this source (repeatable)."),
    Filter("tags", "tag", "tags", "tags", "term", "Tag", "Keep articles with this tag (repeatable)."),
)
BY_NAME = {f.name: f for f in FILTERS}
YEAR_FILTERS = tuple(f for f in FILTERS if f.kind == "year")
TERM_FILTERS = tuple(f for f in FILTERS if f.kind == "term")


@dataclass(frozen=True)
class YearRange:
    """Articles that mention a year between two, both included; either end may be open."""

    start: str = "year_from"  # keywords of Engine.search
    end: str = "year_to"
    start_arg: str = "from"  # query-string arguments and CLI options (--from, --to)
    end_arg: str = "to"
    field: str = "years"


YEAR_RANGE = YearRange()
SORTS = ("relevance", "newest", "oldest")
# Every query-string argument that describes a search page's state.
URL_ARGS = tuple(f.arg for f in FILTERS) + (YEAR_RANGE.start_arg, YEAR_RANGE.end_arg)


@dataclass(frozen=True)
class TimelineFilter:
    """One way to narrow or order the timeline's happenings, read by the web, the CLI and every engine."""

    name: str  # keyword of Engine.timeline and Engine.iter_timeline (conflicts=True)
    arg: str  # the query-string argument (?conflicts=1); the CLI option is it with dashes (--conflicts)
    kind: str  # "flag" (on or off) or "count" (a whole number from 1, 1 meaning no filter)
    label: str  # how the chosen filter is named on the timeline page ("Dates differ")
    help: str  # the CLI option's help, and the form's hint

    @property
    def option(self) -> str:
        """The CLI option: the URL argument with dashes for underscores (--min-sources)."""
        return "--" + self.arg.replace("_", "-")

    @property
    def default(self):
        """The value that leaves the timeline as it is."""
        return 1 if self.kind == "count" else False


TIMELINE_FILTERS: tuple[TimelineFilter, ...] = (
    TimelineFilter("conflicts", "conflicts", "flag", "Dates differ",
                   "Only happenings whose sources give dates that cannot both hold."),
    TimelineFilter("min_sources", "min_sources", "count", "Reported by at least {} articles",
                   "Only happenings that at least this many articles report."),
    TimelineFilter("written_only", "written_only", "flag", "Dates written in the sentence",
                   "Only happenings whose date is written in their sentence (not dated from the article's day or story)."),
    TimelineFilter("by_sources", "by_sources", "flag", "Most reported first", "Most reported happenings first."),
)
