"""Two states of one generated corpus, and a check that an index holds exactly one of them.

The states differ in every way a reindex handles: "alpha" holds articles 0-219, "beta"
articles 10-229 with every title changed, so going from one to the other adds, updates and
deletes. 220 articles are enough for a reindex to date-tag in worker processes.
"""
from __future__ import annotations

from pathlib import Path

from index.whoosh import searcher, timeline

EVENTS_PER_ARTICLE = 2


def articles(marker: str, numbers: range) -> dict[str, str]:
    """Return ``{file name: text}`` of small dated articles whose titles end with ``marker``."""
    return {f"a{i:03d}.md": f"---\ntitle: Article {i} {marker}\ndate: 2020-01-01\n---\n"
                            f"In {1900 + i % 100}, the {marker} project began. In May 2001 it grew.\n"
            for i in numbers}


STATES = {"alpha": articles("alpha", range(0, 220)), "beta": articles("beta", range(10, 230))}


def other(name: str) -> str:
    return "beta" if name == "alpha" else "alpha"


def apply_state(corpus: Path, name: str) -> None:
    """Make the corpus folder hold exactly the files of state ``name``."""
    corpus.mkdir(parents=True, exist_ok=True)
    wanted = STATES[name]
    for path in corpus.iterdir():
        if path.name not in wanted:
            path.unlink()
    for file_name, text in wanted.items():
        (corpus / file_name).write_text(text, encoding="utf-8")


def expected(name: str) -> frozenset[tuple[str, str]]:
    """Return the (id, title) pairs an index of state ``name`` holds."""
    return frozenset((file_name[:-3], text.split("\n")[1][len("title: "):])
                     for file_name, text in STATES[name].items())


def state_of(index_dir: Path) -> str:
    """Name the state the published index holds, articles and events alike, or fail saying why.

    A mix (some articles of each state, or events of one state beside articles of the
    other) is exactly what a killed or concurrent reindex must never publish.
    """
    page = searcher.search(index_dir, "", page_size=1000)
    found = frozenset((hit.id, hit.title) for hit in page.hits)
    names = [name for name in STATES if found == expected(name)]
    assert page.total == len(page.hits) and names, f"the index holds a mix: {sorted(found)[:5]} ..."
    events = timeline.timeline(index_dir, page_size=1000)
    titles = {entry.article_title for entry in events.entries}
    assert events.total == EVENTS_PER_ARTICLE * len(found) == len(events.entries), events.total
    assert titles == {title for _, title in found}, "events of another state than the articles"
    return names[0]
