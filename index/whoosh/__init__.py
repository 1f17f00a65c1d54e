"""The Whoosh engine: schema, reindex writer, search, facets, timeline. The only package importing whoosh."""

from index.whoosh import lean_import  # noqa: F401 - first: Whoosh imported without asyncio and urllib.request
from index.whoosh import patches  # noqa: F401 - applies fixes to Whoosh before any index is opened
