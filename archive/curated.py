"""Curated events and corrections from the corpus's timeline.yaml: researchers correct the machine."""
from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from archive.events import Event
from archive.models import Problem
from archive.repeats import both_keys, repeat_key

FILE_NAME = "timeline.yaml"
EVENT_KEYS = {"id", "date", "title", "text", "sources", "tags"}
CORRECTION_KEYS = {"event", "hide", "redate", "retitle"}
_DATE = re.compile(r"^\s*(?:(?P<bc>-)?(?P<year>\d{1,5})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"
                   r"|(?P<bcyear>\d{1,5})\s*BC)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Correction:
    """A researcher's change to one extracted event."""

    event: str
    hide: bool = False
    redate: dict | None = None  # the fields of the new date, ready for Event
    retitle: str | None = None


@dataclass
class CuratedTimeline:
    """What timeline.yaml holds, and what in it could not be used."""

    events: list[Event] = field(default_factory=list)
    corrections: dict[str, Correction] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    lines: dict[str, int] = field(default_factory=dict)  # each correction's line in the file, by event id

    def apply(self, events: list[Event]) -> list[Event]:
        """Return extracted events with the corrections applied (hidden ones marked so).

        A corrected event keeps what the tagger found (``extracted_as``), so it stays in its
        happening: a timeline applies the correction to the whole entry (every source).
        """
        corrected = []
        for event in events:
            fix = self.corrections.get(event.id)
            if fix is None:
                corrected.append(event)
                continue
            changes = dict(fix.redate or {}, hidden=fix.hide, corrected=bool(fix.redate or fix.retitle),
                           extracted_as=(event.value, event.headline))
            if fix.retitle:
                changes["headline"] = fix.retitle
            corrected.append(replace(event, **changes))
        return corrected


def happening_keys(event: Event) -> tuple[int, int]:
    """The keys of the happening an event tells: on its date (repeats fold), and whatever its date (conflicts).

    Taken from what the tagger found, so a corrected event stays in its entry; a curated
    event is a happening of its own.
    """
    if event.curated:
        own = repeat_key(event.id, "", event.id)
        return own, own
    value, headline = event.extracted_as or (event.value, event.headline)
    return both_keys(value, headline, event.id)


def parse_timeline(text: str, relpath: str = FILE_NAME) -> CuratedTimeline:
    """Read curated events and corrections; a malformed entry is reported with its line and skipped."""
    import yaml  # here: most corpora have no timeline.yaml, and a reindex then starts without YAML

    result = CuratedTimeline()
    try:
        data = yaml.safe_load(text) or {}
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        result.problems.append(Problem(relpath, f"invalid YAML: {getattr(error, 'problem', error)}",
                                       line=mark.line + 1 if mark else None))
        return result
    if not isinstance(data, dict) or set(data) - {"events", "corrections"}:
        result.problems.append(Problem(relpath, "expected the keys 'events' and 'corrections' only"))
        return result
    for key, read in (("events", _event), ("corrections", _correction)):
        items, nodes = data.get(key) or [], _item_nodes(root, key)
        if not isinstance(items, list):
            result.problems.append(Problem(relpath, f"'{key}' must be a list", line=_line(root, key)))
            continue
        for item, node in zip(items, nodes):
            line = node.start_mark.line + 1
            try:
                parsed = read(item)
            except ValueError as error:
                result.problems.append(Problem(relpath, f"{key[:-1]} skipped: {error}", line=line))
                continue
            if isinstance(parsed, Correction):
                if parsed.event in result.corrections:
                    result.problems.append(Problem(relpath, f"a second correction for event '{parsed.event}' (the "
                                                   f"first is at line {result.lines[parsed.event]}): this one applies",
                                                   line=line, skipped=False))
                result.corrections[parsed.event] = parsed
                result.lines[parsed.event] = line
            else:
                result.events.append(parsed)
    return result


def _event(item) -> Event:
    entry = _mapping(item, EVENT_KEYS, required=("date", "title"))
    title = str(entry["title"]).strip()
    when = parse_curated_date(entry["date"])
    sources = tuple(str(s) for s in _list(entry.get("sources")))
    key = str(entry.get("id") or hashlib.sha1(f"{title}\x00{entry['date']}".encode()).hexdigest()[:12])
    return Event(id=f"curated-{key}" if not entry.get("id") else key, article_id=None, headline=title,
                 sentence=str(entry.get("text") or title).strip(), curated=True, sources=sources,
                 tags=tuple(str(t) for t in _list(entry.get("tags"))), **when)


def _correction(item) -> Correction:
    entry = _mapping(item, CORRECTION_KEYS, required=("event",))
    if not ({"hide", "redate", "retitle"} & entry.keys()):
        raise ValueError("say what to change: hide, redate or retitle")
    redate = parse_curated_date(entry["redate"]) if "redate" in entry else None
    return Correction(str(entry["event"]), bool(entry.get("hide")), redate,
                      str(entry["retitle"]).strip() if entry.get("retitle") else None)


def parse_curated_date(value) -> dict:
    """Turn 2013, "2006-05", a YAML date, -153 or "153 BC" into the date fields of an Event."""
    if isinstance(value, date):
        value = value.isoformat()
    match = _DATE.match(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a date like 2013, 2006-05, 2008-01-15 or 153 BC")
    if match["bcyear"]:
        year = 1 - int(match["bcyear"])  # 153 BC is the astronomical year -152
    else:
        year = 1 - int(match["year"]) if match["bc"] else int(match["year"])
    month, day = int(match["month"] or 0), int(match["day"] or 0)
    # The calendar module knows years 1-9999; another year has the leap days of its 400-year cycle.
    calendar_year = year if 0 < year <= 9999 else 2000 + year % 400
    try:
        if day:
            date(calendar_year, month, day)
        elif month and not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None
    last = calendar.monthrange(calendar_year, month)[1] if month else 31
    precision = "day" if day else "month" if month else "year"
    value_text = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    value_text += f"-{month:02d}" * bool(month) + f"-{day:02d}" * bool(day)
    return {"value": value_text, "precision": precision, "modifier": None,
            "earliest": (year, month or 1, day or 1), "latest": (year, month or 12, day or last)}


def _mapping(item, allowed: set[str], required: tuple[str, ...]) -> dict:
    if not isinstance(item, dict):
        raise ValueError(f"expected keys such as {', '.join(required)}")
    unknown = sorted(set(map(str, item)) - allowed)
    if unknown:
        raise ValueError(f"unknown key '{unknown[0]}' (known: {', '.join(sorted(allowed))})")
    missing = [key for key in required if item.get(key) in (None, "")]
    if missing:
        raise ValueError(f"missing '{missing[0]}'")
    return item


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _item_nodes(root, key: str) -> list:
    import yaml  # loaded already by parse_timeline

    for key_node, value_node in getattr(root, "value", []):
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return value_node.value
    return []


def _line(root, key: str) -> int | None:
    for key_node, _ in getattr(root, "value", []):
        if key_node.value == key:
            return key_node.start_mark.line + 1
    return None
