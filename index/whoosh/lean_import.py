"""Import Whoosh without the standard-library packages it loads and the archive never uses.

Every command that opens an index imports Whoosh, so what its import loads is paid at each
start. Two of its imports load large parts of the standard library for nothing:

- ``whoosh.reading`` takes ``cached_property`` from the backport of that name, which imports
  asyncio (0.05 CPU-seconds) for its coroutine variants; Whoosh decorates one plain method
  with it (a segment's set of deleted documents), for which ``functools.cached_property``,
  in the standard library since Python 3.8, does the same: it keeps the value in the
  instance's ``__dict__`` under the method's name.
- ``whoosh.compat`` takes ``urlretrieve`` from ``urllib.request`` (which imports http, ssl
  and email) for a download helper nothing here calls.

While Whoosh is imported, these names are served by stand-ins; afterwards the stand-ins are
taken out of ``sys.modules`` again, so any other code importing these modules gets the real
ones. A module already imported is used as it is.
"""
from __future__ import annotations

import functools
import sys
import types


def _urlretrieve(*args, **kwargs):
    from urllib.request import urlretrieve  # the real one, on the first call (never, in the archive)

    return urlretrieve(*args, **kwargs)


def _stand_ins() -> dict[str, types.ModuleType]:
    backport = types.ModuleType("cached_property")
    backport.cached_property = functools.cached_property
    request = types.ModuleType("urllib.request")
    request.urlretrieve = _urlretrieve
    return {"cached_property": backport, "urllib.request": request}


def import_whoosh() -> None:
    """Import the Whoosh modules that load those packages, with the stand-ins in place."""
    placed = {name: module for name, module in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(placed)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


import_whoosh()
