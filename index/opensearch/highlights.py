"""Character spans from OpenSearch's highlighter, and snippets cut around them.

The highlighter is asked for a whole field (``number_of_fragments: 0``) with markers of
private-use characters around each match; taking the markers out gives the text back with the
spans of its matches, which is what the results carry (the web and the CLI mark them up).
Passages are then cut around the spans as the Whoosh engine cuts them: up to three passages of
about 240 characters, those with the most different matched words, in text order.
"""
from __future__ import annotations

from index.results import Snippet, Span

PRE = "\ue000\ue001"  # private-use characters: no text of the archive means anything by them
POST = "\ue001\ue000"
SNIPPET_CHARS = 240
SURROUND = 70
PASSAGES = 3
ELLIPSIS = " … "


def highlight_request(fields: list[str], text_query: dict, no_match_chars: int = 0) -> dict:
    """The ``highlight`` part of a search body: whole fields, matches of ``text_query`` marked."""
    options = {"number_of_fragments": 0}
    if no_match_chars:
        options["no_match_size"] = no_match_chars
    return {"pre_tags": [PRE], "post_tags": [POST], "require_field_match": False,
            "highlight_query": text_query, "fields": {field: dict(options) for field in fields}}


def unmark(marked: str) -> tuple[str, list[Span]]:
    """Return the text without markers and the spans of the marked matches in it."""
    out, spans, position, length = [], [], 0, 0
    while True:
        start = marked.find(PRE, position)
        if start == -1:
            out.append(marked[position:])
            return "".join(out), spans
        end = marked.find(POST, start + len(PRE))
        if end == -1:  # not a marker of ours after all
            out.append(marked[position:])
            return "".join(out), spans
        before = marked[position:start]
        word = marked[start + len(PRE):end]
        out += [before, word]
        length += len(before)
        spans.append((length, length + len(word)))
        length += len(word)
        position = end + len(POST)


def snippet(text: str, spans: list[Span]) -> Snippet:
    """Cut up to PASSAGES passages of ``text`` around ``spans``; the start of the text when nothing matched."""
    if not spans:
        cut = text[:SNIPPET_CHARS]
        return Snippet(cut + ("…" if len(text) > SNIPPET_CHARS else ""), ())
    passages = list(_passages(text, sorted(spans)))
    best = sorted(sorted(passages, key=lambda p: (-p[0], p[1]))[:PASSAGES], key=lambda p: p[1])
    parts, shifted, length = [], [], 0
    for number, (_, start, end, inside) in enumerate(best):
        if number:
            parts.append(ELLIPSIS)
            length += len(ELLIPSIS)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        shifted += [(length + a - start - lead, length + b - start - lead) for a, b in inside]
        parts.append(piece)
        length += len(piece)
    return Snippet("".join(parts), tuple(shifted))


def _passages(text: str, spans: list[Span]):
    i = 0
    while i < len(spans):
        start = max(0, spans[i][0] - SURROUND)
        j = i + 1
        while j < len(spans) and spans[j][1] + SURROUND - start <= SNIPPET_CHARS:
            j += 1
        inside = spans[i:j]
        end = min(len(text), max(start + SNIPPET_CHARS, inside[-1][1]))
        start, end = _word_bounds(text, start, end, inside)
        yield len({text[a:b].lower() for a, b in inside}), start, end, inside
        i = j


def _word_bounds(text: str, start: int, end: int, inside: list[Span]) -> Span:
    """Move the ends of a passage to spaces, so that it neither starts nor ends inside a word."""
    if start > 0:
        space = text.find(" ", start, inside[0][0])
        start = space + 1 if space != -1 else inside[0][0]
    if end < len(text):
        space = text.rfind(" ", inside[-1][1], end)
        end = space if space != -1 else inside[-1][1]
    return start, end
