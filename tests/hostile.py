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
