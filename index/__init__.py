"""Everything that touches Whoosh: schema, reindex, search, facets.

Callers get plain dataclasses back, never Whoosh objects, so the engine stays swappable.
"""

from index import whoosh_patches  # noqa: E402,F401 - applies a fix to Whoosh before any index is opened
