"""Read HTML pages with the standard library parser: metadata from <head>, readable body text."""
from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from archive.models import Article, FileRead, Problem
from archive.readers.fields import article_id, normalise_tags, parse_date_value

SKIPPED = frozenset({
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template",
    "head", "title", "svg", "iframe", "object", "canvas", "button", "select",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
TITLE_KEYS = ("og:title", "twitter:title")
DATE_KEYS = (
    "article:published_time", "date", "dc.date", "dc.date.issued", "dc.date.created",
    "dcterms.created", "dcterms.issued", "dcterms.date", "datepublished",
)
PARAGRAPH, LINE = "\n\n", "\n"


class _PageParser(HTMLParser):
    """Collect a page's metadata and its text, with an explicit stack instead of recursion."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.tags: list[str] = []
        self.canonical = self.language = self.time = ""
        self.title: list[str] = []
        self.h1: list[str] = []
        self.h1_done = False
        self.text: dict[str, list[str]] = {"all": [], "article": [], "main": []}
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track the element and pick up metadata from its attributes."""
        values = {name: value or "" for name, value in attrs}
        if tag == "html" and not self.language:
            self.language = values.get("lang", "").strip()
        elif tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "").strip()
        elif tag == "time" and not self.time:
            self.time = values.get("datetime", "").strip()
        elif tag == "body" and self._open["head"]:
            self.handle_endtag("head")
        if tag in VOID:
            self._emit(LINE if tag == "br" else PARAGRAPH if tag == "hr" else "")
            return
        self._stack.append(tag)
        self._open[tag] += 1
        self._skipping += tag in SKIPPED
        if tag in BLOCK:
            self._emit(PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        """Close the nearest open element of this name, and any left open inside it."""
        if not self._open[tag]:
            return  # a stray end tag closes nothing (and must not scan a deep stack each time)
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index] == tag:
                break
        while len(self._stack) > index:
            closed = self._stack.pop()
            self._open[closed] -= 1
            self._skipping -= closed in SKIPPED
            if closed == "h1" and self.h1:
                self.h1_done = True
            if closed in BLOCK:
                self._emit(PARAGRAPH)

    def handle_data(self, data: str) -> None:
        """Keep text for the title, the first <h1> and the readable body."""
        if self._open["title"] and not self._open["svg"]:
            self.title.append(data)
        if self._open["h1"] and not self.h1_done:
            self.h1.append(data)
        if not self._skipping:
            self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, chunk: str) -> None:
        """Append text or a break to the body, and to <article>/<main> while inside them."""
        if not chunk or self._skipping:
            return
        self.text["all"].append(chunk)
        for region in ("article", "main"):
            if self._open[region]:
                self.text[region].append(chunk)

    def _meta(self, values: dict[str, str]) -> None:
        """Remember a <meta> tag's content under its lower-cased property, name or itemprop."""
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        content = values.get("content", "").strip()
        if not key or not content:
            return
        if key == "article:tag":
            self.tags.append(content)
        self.meta.setdefault(key, content)


def _paragraphs(chunks: list[str]) -> list[str]:
    """Return the non-empty paragraphs of the collected text, whitespace collapsed."""
    paragraphs = []
    for block in re.split(r"\n{2,}", "".join(chunks)):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def read_html(relpath: str, text: str) -> FileRead:
    """Read one article from an HTML page."""
    page = _PageParser()
    # After the last '>' no tag can end, so that tail is text. Python's parser before 3.11.13
    # takes quadratic time on many '<' there (CVE-2025-6069), so it never sees the tail.
    end = text.rfind(">") + 1
    try:
        page.feed(text[:end])
        page.close()
    except AssertionError as error:  # the standard parser's way to give up, such as on "<![<!["
        return FileRead([], [Problem(relpath, f"unreadable HTML: {error}")])
    if text[end:].strip():
        page.handle_data(html.unescape(text[end:]))
    candidates = [page.meta.get(key, "") for key in TITLE_KEYS]
    candidates += ["".join(page.title), "".join(page.h1)]
    title = next((" ".join(c.split()) for c in candidates if c.strip()), "")
    if not title:
        return FileRead([], [Problem(relpath, "missing title (no og:title meta, <title> or <h1>)")])

    raw_dates = [page.meta[key] for key in DATE_KEYS if key in page.meta]
    raw_dates += [page.time] if page.time else []
    published = next((d for d in map(parse_date_value, raw_dates) if d), None)
    problems = []
    if not raw_dates:
        problems.append(Problem(relpath, "no publication date", skipped=False))
    elif published is None:
        problems.append(Problem(relpath, f"unreadable date '{raw_dates[0]}'", skipped=False))

    # <article> or <main> hold the story; the rest of <body> is mostly page furniture.
    region = next((r for r in ("article", "main") if _paragraphs(page.text[r])), "all")
    paragraphs = _paragraphs(page.text[region])
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline is already the title
    article = Article(
        id=article_id(relpath),
        title=title,
        body="\n\n".join(paragraphs),
        path=relpath,
        published=published,
        source=page.meta.get("og:site_name", ""),
        url=page.meta.get("og:url", "") or page.canonical,
        tags=normalise_tags(page.tags or page.meta.get("keywords")),
        language=page.language,
    )
    return FileRead([article], problems)
