"""Stream every match as CSV or JSON, without holding the whole result in memory."""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterable, Iterator

from flask import Response, stream_with_context

from index.serializers import neutralise

_END = object()


def primed(items: Iterable) -> Iterator:
    """Read the first item now, so errors become an error page, not a broken download.

    The returned generator closes ``items`` when it is closed, so an abandoned download
    releases the index searcher at once.
    """
    iterator = iter(items)
    first = next(iterator, _END)

    def rest():
        try:
            if first is not _END:
                yield first
                yield from iterator
        finally:
            close = getattr(iterator, "close", None)
            if close:
                close()

    return rest()


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> Response:
    """Return a streamed CSV download of ``rows`` under ``header``."""

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in _chain([header], rows):
            writer.writerow([neutralise(cell) for cell in row])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    return Response(stream_with_context(lines()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def json_response(head: dict, key: str, items: Iterable, to_json: Callable, tail: dict | None = None) -> Response:
    """Return a streamed JSON object: ``head``'s fields, then ``key`` holding every item.

    ``tail`` fields are written after the list (the total is only known once it is read).
    """

    def chunks() -> Iterator[str]:
        yield json.dumps(head, ensure_ascii=False)[:-1] + (", " if head else "") + json.dumps(key) + ": ["
        count = 0
        for item in items:
            yield ("," if count else "") + "\n" + json.dumps(to_json(item), ensure_ascii=False)
            count += 1
        end = dict(tail or {}, total=count) if tail is not None else {}
        yield "\n]" + "".join(f", {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in end.items()) + "}\n"

    return Response(stream_with_context(chunks()), mimetype="application/json")


def _chain(first: list, rest: Iterable) -> Iterator:
    yield from first
    yield from rest
