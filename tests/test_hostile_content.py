"""Hostile article text and queries are shown as text on every page and in every export.

The pages are parsed, not searched for substrings: the only script is the page's own, no
attribute is an event handler, no link leads to javascript:, data: or vbscript:, and every
piece of text that holds a direction override sits in an element that isolates it (<bdi>,
or one with a ``dir`` attribute), so it cannot reorder the page text around it. Zero-width
characters are kept: they belong to the text and reorder nothing. CSV cells that a
spreadsheet would run as a formula start with a quote.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from tests.hostile import QUOTES, RLO, TRICKS, XSS_SCRIPT, ZERO_WIDTH, make_client

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
ISOLATING = "bdi"
FORBIDDEN_TAGS = {"img", "iframe", "object", "embed", "b", "i", "style", "base"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
OWN_ICON = ("link", {"rel": "icon", "href": "data:,"})  # the page's own empty icon


@pytest.fixture(scope="module")
def tricks(tmp_path_factory):
    root = tmp_path_factory.mktemp("tricks")
    build_index(write_corpus(root / "corpus", TRICKS), root / "index")
    return make_client(root / "index")


class Page(HTMLParser):
    """Every element with its attributes, and every piece of text with the elements around it."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.texts: list[tuple[str, list[tuple[str, dict]]]] = []
        self._open: list[tuple[str, dict]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = (tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in ("meta", "link", "input", "br", "hr", "wbr", "img", "rect", "line"):
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        self.texts.append((data, list(self._open)))

    @property
    def text(self) -> str:
        return "".join(data for data, _ in self.texts)


def assert_safe_page(html: str) -> Page:
    page = Page(html)
    scripts = [attrs for tag, attrs in page.elements if tag == "script"]
    assert scripts == [{"src": "/static/archive.js", "defer": ""}]
    assert not [data for data, around in page.texts if around and around[-1][0] == "script" and data.strip()]
    for tag, attrs in page.elements:
        if (tag, attrs) == OWN_ICON:
            continue
        assert tag not in FORBIDDEN_TAGS, tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = re.sub(r"[\x00-\x20]", "", attrs.get(name, "")).lower()
            assert not value.startswith(BAD_SCHEMES), (tag, attrs)
            assert not value or value.startswith(("/", "#", "?", "http://", "https://")), (tag, attrs)
    for data, around in page.texts:
        if not BIDI_CONTROLS.search(data):
            continue
        if around and around[-1][0] == "title":  # the window title: plain text between FSI and PDI
            assert data.count("\u2068") == data.count("\u2069") >= 1, repr(data)
            assert re.fullmatch(r"[^\u2068\u2069]*(\u2068[^\u2068\u2069]*\u2069[^\u2068\u2069]*)+", data), repr(data)
        else:
            assert any(tag == ISOLATING or "dir" in attrs for tag, attrs in around), (data, around[-3:])
    return page


PAGES = ["/", "/search?q=invoice", "/search?q=quotes", "/search?q=glacier", "/search?tag=" + RLO + "evil",
         "/articles/tricks/bidi", "/articles/tricks/bidi?q=override", "/articles/tricks/quotes",
         "/timeline", "/timeline?article=tricks/bidi", "/timeline?q=override"]
PAGES += [f"/articles/tricks/scheme{number}" for number in range(6)]


@pytest.mark.parametrize("path", PAGES)
def test_hostile_articles_show_as_text_isolated_and_inert(tricks, path):
    response = tricks.get(path)
    assert response.status_code == 200
    assert_safe_page(response.text)


def test_hostile_text_is_shown_as_the_very_text(tricks):
    quotes = assert_safe_page(tricks.get("/articles/tricks/quotes").text)
    assert f"Quotes {QUOTES}" in quotes.text and "=cmd|' /C calc'!A0 was typed in 2015." in quotes.text
    bidi = assert_safe_page(tricks.get("/articles/tricks/bidi").text)
    assert f"Zero{ZERO_WIDTH}width characters" in bidi.text  # kept: invisible, and they reorder nothing
    assert f"Invoice {RLO}fdp.exe" in bidi.text


@pytest.mark.parametrize("number", range(6))
def test_only_http_links_become_links(tricks, number):
    page = assert_safe_page(tricks.get(f"/articles/tricks/scheme{number}").text)
    links = [attrs["href"] for tag, attrs in page.elements if tag == "a" and attrs.get("rel")]
    assert links == ([] if number < 5 else ['https://example.org/" onmouseover="alert(5)'])


HOSTILE_QUERIES = [RLO + "moon", "moon " + RLO + " landing", XSS_SCRIPT, QUOTES, "author:" + RLO + "x", RLO]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
@pytest.mark.parametrize("path", ["/search", "/timeline", "/articles/tricks/bidi"])
def test_hostile_queries_are_shown_as_text_isolated_and_inert(tricks, path, q):
    response = tricks.get(path, query_string={"q": q})
    assert response.status_code in (200, 400)
    assert_safe_page(response.text)


@pytest.mark.parametrize("path", ["/search?page=" + RLO + "abc", "/timeline?from=" + RLO + "1",
                                  "/articles/" + RLO + "nowhere", "/search?year=" + "\u05d0" * 50])
def test_error_messages_isolate_what_they_quote(tricks, path):
    response = tricks.get(path)
    assert response.status_code in (400, 404)
    page = assert_safe_page(response.text)
    message = next(data for data, around in page.texts if any(a.get("class") == "message" for _, a in around))
    assert message  # the sentence is there, around the isolated value


@pytest.mark.parametrize("path", ["/api/search?q=invoice", "/api/articles/tricks/bidi", "/api/timeline?q=override",
                                  "/search.json?q=quotes", "/timeline.json", "/api/facets?q=invoice"])
def test_json_keeps_the_exact_text_and_is_served_as_json(tricks, path):
    response = tricks.get(path)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    text = json.dumps(json.loads(response.get_data(as_text=True)), ensure_ascii=False)
    assert RLO in text or "onmouseover" in text  # the text as written, for programs to use


FORMULA = re.compile(r"^[=+\-@\t\r]")


def is_number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None


@pytest.mark.parametrize("path", ["/search.csv", "/timeline.csv"])
def test_csv_cells_never_start_a_formula(tricks, path):
    response = tricks.get(path)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    cells = [cell for row in rows[1:] for cell in row]
    assert [c for c in cells if FORMULA.match(c) and not is_number(c)] == []
    assert any(c.startswith("'=cmd|") or c.startswith("'@SUM") for c in cells)


class Fragment(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_timelinejs_text_is_escaped_html_with_only_its_own_links(tricks):
    data = json.loads(tricks.get("/timeline.timelinejs.json").get_data(as_text=True))
    assert data["events"]
    for event in data["events"]:
        for html in (event["text"]["headline"], event["text"]["text"]):
            fragment = Fragment()
            fragment.feed(html)
            for tag, attrs in fragment.tags:
                assert tag in ("p", "a"), (tag, html)
                assert set(attrs) <= {"href"} and attrs.get("href", "http://localhost/articles/").startswith(
                    "http://localhost/articles/"), attrs
    texts = json.dumps(data, ensure_ascii=False)
    assert "=cmd|&#x27; /C calc&#x27;!A0 was typed in 2015." in texts


# Request paths that try to leave the index or the static folder: encoded once and twice,
# with backslashes, NUL bytes and absolute paths.
TRAVERSALS = ["/static/%252e%252e/%252e%252e/pyproject.toml", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
              "/static/..%5c..%5cpyproject.toml", "/static/..\\..\\pyproject.toml", "/static/%5c..%5c..%5cpyproject.toml",
              "/static//work/main/pyproject.toml", "/static/%2fetc%2fpasswd", "/static/%00../pyproject.toml",
              "/articles/%252e%252e/%252e%252e/etc/passwd", "/articles/..%5c..%5cetc%5cpasswd",
              "/articles/..\\..\\etc\\passwd", "/api/articles/..%2f..%2fetc%2fpasswd",
              "/api/articles/%252e%252e%252f%252e%252e%252fpyproject.toml", "/articles/%00", "/static/"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_paths_in_requests_read_nothing_outside_the_index_however_encoded(tricks, path):
    response = tricks.get(path)
    text = response.get_data(as_text=True)
    response.close()
    assert response.status_code in (400, 404, 308), (path, response.status_code)
    assert "[project]" not in text and "root:x:" not in text
