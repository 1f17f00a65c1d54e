"""Events in TimelineJS's JSON format (https://timeline.knightlab.com/docs/json-format.html)."""
from __future__ import annotations

import html
import re

from index.serializers import ANCHOR_NOTES
from webui.urls import external_sentence_url

# TimeML values start with the year (four digits, or more with a sign), then month and day.
_VALUE = re.compile(r"^(?P<year>[+-]?\d{4,})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def title(q: str) -> dict:
    """Return the title slide of an exported timeline."""
    text = f"Events matching {q}" if q.strip() else "Every dated event in the archive"
    return {"text": {"headline": "Timeline Archive", "text": html.escape(text)}}


def start_date(entry) -> dict:
    """Return the TimelineJS date of an entry: year always, month and day when known."""
    found = _VALUE.match(entry.value or "")
    date = {"year": entry.year, "display_date": entry.label}
    if found and int(found["year"]) == entry.year:
        for part in ("month", "day"):
            if found[part] and int(found[part]):
                date[part] = int(found[part])
    return date


def event(entry) -> dict:
    """Return one TimelineJS event; its text is HTML there, so every field is escaped here."""
    link = external_sentence_url(entry)
    source = (f'<p><a href="{html.escape(link)}">{html.escape(entry.article_title or "Source article")}</a></p>'
              if link else "")
    notes = ([f"Reported by {entry.reported_by} articles."] if entry.reported_by > 1 else []) + \
        (["Planned."] if entry.planned else []) + ([f"Dates differ: {entry.conflict}."] if entry.conflict else []) + \
        ([f"{ANCHOR_NOTES[entry.anchor].capitalize()}."] if entry.anchor in ANCHOR_NOTES else [])
    source += f"<p>{html.escape(' '.join(notes))}</p>" if notes else ""
    others = [(external_sentence_url(other), other.article_title or other.article_id or "") for other in entry.also]
    if others:  # paragraphs and links only: the markup TimelineJS is given stays that small
        source += "<p>Also in: " + " · ".join(f'<a href="{html.escape(href)}">{html.escape(title)}</a>' if href else
                                              html.escape(title) for href, title in others) + "</p>"
    return {
        "unique_id": f"event-{entry.id}",
        "start_date": start_date(entry),
        "text": {"headline": html.escape(entry.headline), "text": f"<p>{html.escape(entry.sentence)}</p>{source}"},
        "group": "Curated" if entry.curated else "From articles",
    }
