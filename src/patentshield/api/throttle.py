"""A sliding-window counter of attempts per key (client address, account), in one process.

Login attempts are counted per client address and per account; past ``limit`` attempts in
``window`` seconds the next one is refused with the seconds to wait. The counter lives in the
server process: behind several worker processes each counts on its own, which the account
lockout (kept in the database) bounds anyway. At most ``max_keys`` keys are tracked; the
oldest is dropped first, so a flood of made-up addresses cannot exhaust memory.

This module is pure: it imports no framework and reads no clock (``now`` is a parameter).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, deque


class Throttle:
    """Allow at most ``limit`` attempts per key in any ``window`` seconds.

    >>> throttle = Throttle(limit=2, window=60.0)
    >>> [throttle.hit("10.0.0.1", now) for now in (0.0, 1.0, 2.0, 61.0)]
    [None, None, 58, None]
    """

    def __init__(self, *, limit: int, window: float, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str, now: float) -> int | None:
        """Count an attempt at ``now`` (seconds); return the seconds to wait if it is refused."""
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            self._hits[key] = hits
            if len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            hits.append(now)
            return None
