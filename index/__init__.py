"""The search index, behind an engine-neutral seam: callers get plain dataclasses, never engine objects.

``index.whoosh`` holds the embedded Whoosh engine, the only code that imports ``whoosh``.
"""
