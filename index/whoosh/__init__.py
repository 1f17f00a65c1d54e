"""The Whoosh engine: schema, reindex writer, search, facets, timeline. The only package importing whoosh."""

from index.whoosh import patches  # noqa: F401 - applies fixes to Whoosh before any index is opened
