"""Hostile articles for the web UI tests: markup, script and spreadsheet formulas."""
from __future__ import annotations

from webui import create_app

XSS_SCRIPT = "<script>alert('title')</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'

HOSTILE = {
    "evil/one.md": f"""---
title: "Glacier report {XSS_SCRIPT}"
date: 2021-03-04
source: "<b>Evil Source</b>"
url: "javascript:alert(document.cookie)"
tags: ["<i>tagged</i>", glaciers]
---
The glacier melted in 2019. {XSS_IMG} and <script>alert("body")</script> were in the text.

In 2013, the glacier institute was founded near the <b>lake</b>.
""",
    "good.md": """---
title: Safe link
date: 2020-01-01
url: https://example.org/story?a=1&b=2
---
A glacier story with an ordinary link, written in 2020.
""",
    "formula.md": """---
title: "=HYPERLINK(\\"http://evil.example\\", \\"click\\")"
date: 2018-05-05
source: "+danger"
---
A spreadsheet formula in the title, about a glacier in 2018.
""",
}

CURATED = """events:
  - date: 2014-03
    title: A curated glacier milestone
    sources: [good, https://example.org/report, "javascript:alert(2)"]
"""


def make_client(index_dir, **config):
    """Return a test client of an app over ``index_dir``."""
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), **config}).test_client()


# Unicode tricks, attribute-breaking quotes, link schemes and spreadsheet formulas, for
# tests/test_hostile_content.py (apart from HOSTILE, whose tests count its articles).
RLO, PDF, PDI = "\u202e", "\u202c", "\u2069"  # right-to-left override, pop formatting, pop isolate
ZERO_WIDTH = "\u200b\u200d\ufeff"  # zero-width space, zero-width joiner, byte order mark
QUOTES = "\" onmouseover=\"alert(1)\" x='y' <b>"
SCHEMES = [" JaVaScRiPt:alert(1)", "java\tscript:alert(2)", "data:text/html,<script>alert(3)</script>",
           "vbscript:msgbox(4)", "//evil.example/protocol-relative", "https://example.org/\" onmouseover=\"alert(5)"]


def _yaml(text: str) -> str:
    """Quote text for YAML front matter (JSON strings are YAML)."""
    import json

    return json.dumps(text)


TRICKS = {
    "tricks/bidi.md": f"""---
title: {_yaml(f"Invoice {RLO}fdp.exe and {PDI}{RLO}more")}
date: 2022-02-02
source: {_yaml(f"Wire{RLO} service")}
tags: [{_yaml(f"{RLO}evil")}, glaciers]
---
In 2013 the {RLO}override began and never ended.

Zero{ZERO_WIDTH}width characters hid in the 2014 text of pay\u200bpal.
""",
    "tricks/quotes.md": f"""---
title: {_yaml(f"Quotes {QUOTES}")}
date: 2022-03-03
source: {_yaml("@SUM(1+1)*cmd|' /C calc'!A0")}
tags: ["-2+3", "=1+1", {_yaml(QUOTES)}]
---
=cmd|' /C calc'!A0 was typed in 2015.

+SUM(A1) was typed in 2016, and {QUOTES} in 2017.
""",
    **{f"tricks/scheme{number}.md": f"""---
title: Link scheme {number}
date: 2022-04-04
url: {_yaml(url)}
---
A link of scheme {number}, written in 2018.
""" for number, url in enumerate(SCHEMES)},
}
