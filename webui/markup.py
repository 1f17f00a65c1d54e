"""Article text as HTML paragraphs: every character escaped, query words and event sentences marked."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

from index.results import Snippet
from index.serializers import snippet_html

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


@dataclass(frozen=True)
class _Range:
    start: int
    end: int
    open: Markup
    close: Markup
    order: int  # at the same start, lower opens first (events outside matches)


def paragraphs(text: str, matches=(), events=()) -> list[Markup]:
    """Split ``text`` at blank lines and mark ``matches`` (spans) and ``events`` in it.

    ``events`` are TimelineEntry-like objects with ``id``, ``label``, ``start`` and ``end``;
    each sentence span gets ``id="event-<id>"`` on its first piece, so a link can point at it.
    """
    anchored: set[str] = set()
    result = []
    for para in _PARAGRAPH.finditer(text):
        chunk = para.group()
        first = para.start() + len(chunk) - len(chunk.lstrip())
        last = para.end() - len(chunk) + len(chunk.rstrip())
        ranges = _event_ranges(first, last, events, anchored)
        ranges += _match_ranges(first, last, matches, ranges)
        result.append(_render(text, first, last, ranges, line_breaks=_is_line_list(chunk)))
    return result


# One entry per line: "- item", "• item", "1492: Columbus ...", "153 BC – Roman consuls ...".
_ENTRY_LINE = re.compile(r"^[ \t]*(?:[-*•][ \t]|(?:AD[ \t]?)?\d{1,4}(?:[ \t]?(?:BC|BCE|AD|CE))?[ \t]?[:–—-][ \t])")


def _is_line_list(chunk: str) -> bool:
    """True when every line of a paragraph starts an entry, so its line breaks carry meaning.

    Hard-wrapped prose (a newswire's 70-column lines) runs on as one paragraph instead.
    """
    lines = [line for line in chunk.strip().split("\n") if line.strip()]
    return len(lines) > 1 and all(_ENTRY_LINE.match(line) for line in lines)


def marked(text: str, matches=()) -> Markup:
    """Return ``text`` escaped with ``matches`` (spans) wrapped in <mark>."""
    return _render(text, 0, len(text), _match_ranges(0, len(text), matches, []))


def _event_ranges(first: int, last: int, events, anchored: set[str]) -> list[_Range]:
    spans = sorted(((max(e.start, first), min(e.end, last), e) for e in events
                    if e.start is not None and e.end is not None and e.start < last and e.end > first),
                   key=lambda s: (s[0], -s[1]))
    ranges: list[_Range] = []
    stack: list[_Range] = []
    for start, end, event in spans:
        while stack and stack[-1].end <= start:
            stack.pop()
        if stack and end > stack[-1].end:  # crossing sentences: keep the nesting HTML needs
            end = stack[-1].end
        if end <= start:
            continue
        anchor = "" if event.id in anchored else Markup(' id="event-{}"').format(event.id)
        anchored.add(event.id)
        opening = Markup('<span class="event"{} title="{}">').format(anchor, event.label)
        stack.append(_Range(start, end, opening, Markup("</span>"), 0))
        ranges.append(stack[-1])
    return ranges


def _match_ranges(first: int, last: int, matches, events: list[_Range]) -> list[_Range]:
    cuts = sorted({r.start for r in events} | {r.end for r in events})
    ranges, previous_end = [], first
    for start, end in sorted(matches):
        start, end = max(start, first, previous_end), min(end, last)
        if end <= start:
            continue
        points = [start] + [c for c in cuts if start < c < end] + [end]
        for a, b in zip(points, points[1:]):
            ranges.append(_Range(a, b, Markup('<mark class="match">'), Markup("</mark>"), 1))
        previous_end = end
    return ranges


def _render(text: str, first: int, last: int, ranges: list[_Range], line_breaks: bool = False) -> Markup:
    newline = Markup("<br>\n") if line_breaks else " "
    opening = sorted(ranges, key=lambda r: (r.start, r.order, -r.end))
    points = sorted({first, last} | {r.start for r in ranges} | {r.end for r in ranges})
    parts: list[str] = []
    stack: list[_Range] = []
    pending = iter(opening)
    upcoming = next(pending, None)
    for here, following in zip(points, points[1:] + [None]):
        while stack and stack[-1].end <= here:
            parts.append(stack.pop().close)
        while upcoming is not None and upcoming.start == here:
            parts.append(upcoming.open)
            stack.append(upcoming)
            upcoming = next(pending, None)
        if following is not None:
            parts.append(Markup(newline).join(escape(line) for line in text[here:following].split("\n")))
    while stack:
        parts.append(stack.pop().close)
    return Markup("".join(parts))


def snippet(found: Snippet) -> Markup:
    """Return a hit's snippet as markup for the template: text escaped, matches in <mark>."""
    return Markup(snippet_html(found))


def isolated(text) -> Markup:
    """Return ``text`` escaped, inside <bdi> when it holds right-to-left or direction marks.

    For article and query text shown among page text: a right-to-left override (U+202E)
    or an embedding in it then reorders nothing beyond it (<bdi> is the element HTML made
    for text of unknown direction). Left-to-right text stays as it is: isolating it would
    change nothing on these left-to-right pages.
    """
    return Markup("<bdi>{}</bdi>").format(text) if _turns(str(text)) else escape(text)


def isolated_text(text) -> str:
    """Return ``text``, between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it needs it.

    For places where no element can go, such as the window title. Directional isolates and
    pops inside ``text`` are removed first: one of them could close the isolate early.
    """
    text = str(text)
    return "\u2068" + text.translate(_ISOLATE_MARKS) + "\u2069" if _turns(text) else text


_ISOLATE_MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def isolating_echoes(message: str, echoed) -> Markup:
    """Escape ``message``, with every value of ``echoed`` it quotes inside <bdi>.

    Error messages quote what the reader typed ("Nothing to search for in '...'"); an
    override in it would reverse the rest of the sentence. Longest values first, as
    messages may quote a value cut to its first 40 characters.
    """
    values = sorted({v for value in echoed if _turns(value) for v in (value, value[:40])}, key=len, reverse=True)
    if not values:
        return Markup(escape(message))
    found = re.compile("|".join(map(re.escape, values)))
    parts, position = [], 0
    for match in found.finditer(message):
        parts += [escape(message[position:match.start()]), isolated(match.group())]
        position = match.end()
    return Markup("".join(parts + [escape(message[position:])]))


# Bidirectional classes that can reorder text around them: right-to-left letters and digits,
# and the explicit embeddings, overrides and isolates.
_TURNING = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def _turns(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _TURNING for c in text)
