"""Linux inotify through ctypes: act at the exact moment a reindex opens or creates a file.

Deleting corpus files or making the index read-only "while a reindex runs" is a race when
done after a sleep; waiting for the kernel's event for one named file makes it exact.
"""
from __future__ import annotations

import ctypes
import os
import select
import struct
from pathlib import Path

IN_OPEN = 0x00000020
IN_CREATE = 0x00000100
_IN_CLOEXEC = 0o2000000
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len; then len bytes of NUL-padded name


class Inotify:
    """Watch folders and wait for an event on a named entry."""

    def __init__(self) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(_IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")

    def watch(self, folder: Path, mask: int) -> None:
        """Report ``mask`` events on the entries of ``folder``."""
        if self._libc.inotify_add_watch(self.fd, os.fsencode(folder), mask) < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {folder} failed")

    def wait_for(self, name: str, timeout: float) -> bool:
        """Block until an event names ``name``; False when ``timeout`` seconds pass first."""
        while select.select([self.fd], [], [], timeout)[0]:
            data = os.read(self.fd, 65536)
            offset = 0
            while offset < len(data):
                _, _, _, length = _HEADER.unpack_from(data, offset)
                start = offset + _HEADER.size
                if data[start:start + length].rstrip(b"\0").decode() == name:
                    return True
                offset = start + length
        return False

    def close(self) -> None:
        os.close(self.fd)
