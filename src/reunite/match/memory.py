"""Keeping a large link run's memory down: freed arrays go back to the system.

glibc's allocator keeps freed blocks below its mmap threshold in the process's heap, and
raises that threshold (up to 32 MB) each time a larger block is freed; a link run allocates
and frees arrays of every size from a few kilobytes to hundreds of megabytes, so the heap grew
by half a gigabyte at a million records. Both calls do nothing outside glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)
THRESHOLD = 1 << 20  # blocks of a megabyte or more are mapped, and unmapped when freed


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def map_large_blocks() -> None:
    """Serve blocks of THRESHOLD bytes or more from their own mappings (a fixed threshold:
    glibc stops raising it)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD)


def give_back() -> None:
    """Return the free memory at the top of the heap to the system."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
