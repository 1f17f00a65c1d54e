"""Everything that touches Whoosh: schema, reindex, search, facets.

Callers get plain dataclasses back, never Whoosh objects, so the engine stays swappable.
"""
