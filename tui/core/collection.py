"""Holding Python's cyclic garbage collector while tens of thousands of objects are made.

Building many small objects triggers full collections whose cost grows with everything
already allocated (the whole schedule), so loading 10,000 events, decoding the rows cache
or filling the agenda spent a third or more of its time collecting. None of them creates
reference cycles, so collection can wait until they are done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_deferred() -> Iterator[None]:
    """No cyclic collection inside the block; the collector as it was after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
