"""Run every rule over a text, keep the best non-overlapping spans and resolve them in order."""
from __future__ import annotations

from datetime import date

from archive.timex import absolute, clock, durations, holidays, named, relative, vague
from archive.timex.mention import Candidate, Context, DateMention

RULES = absolute.RULES + relative.RULES + named.RULES + holidays.RULES + durations.RULES + clock.RULES + vague.RULES


def candidates(text: str) -> list[Candidate]:
    """Return every span a rule accepts, overlapping ones included."""
    found: list[Candidate] = []
    for pattern, handler in RULES:
        for match in pattern.finditer(text):
            candidate = handler(match, text)
            if candidate is None:
                continue
            if isinstance(candidate, list):
                found.extend(candidate)
            else:
                found.append(candidate)
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest spans (then the higher priority) so that none overlap."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def tag(text: str, published: date | None = None) -> list[DateMention]:
    """Find, resolve and return the date mentions of ``text`` in reading order."""
    ctx = Context(text, published)
    mentions: list[DateMention] = []
    for candidate in select(candidates(text)):
        start, end = _trim(text, candidate.start, candidate.end)
        resolved = candidate.resolve(ctx)
        if resolved is None:
            continue
        if resolved.anchor is not None:
            ctx.ref, ctx.ref_end = resolved.anchor, end
        mentions.append(DateMention(start, end, text[start:end], resolved.value, resolved.type,
                                    resolved.precision, resolved.mod, resolved.earliest, resolved.latest))
    return mentions


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end
