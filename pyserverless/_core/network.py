"""Network faults between Regions: partitions, and replicas whose replication is paused.

One ``Network`` per Cloud (``cloud.faults.network``; ``cloud.partition(a, b)`` and
``cloud.heal()`` are shortcuts). Nothing here stops a request: each Region keeps
answering its own clients. What stops is what flows between Regions (global tables'
replication), which waits, queued, until the partition heals or the replica resumes.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> cloud.partition("us-east-1", "eu-west-1")
>>> cloud.faults.network.partitioned("eu-west-1", "us-east-1")
True
>>> cloud.faults.network
<Network partitions=[('eu-west-1', 'us-east-1')] paused=[]>
>>> cloud.heal()
>>> cloud.faults.network.partitioned("eu-west-1", "us-east-1")
False
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["Network"]


class Network:
    """Which pairs of Regions cannot reach each other, and which replicas are paused."""

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self._lock = threading.Lock()
        self._partitions: set[frozenset[str]] = set()
        #: ``(Region, table name)`` of paused replicas.
        self._paused: set[tuple[str, str]] = set()
        #: True while any partition or pause is in force (one read on the replication path).
        self.faulty = False

    def _region(self, region: object) -> str:
        if not isinstance(region, str) or region not in self._cloud.regions:
            raise ValueError(f"{region!r} is not a Region of this Cloud")
        return region

    def partition(self, a: str, b: str) -> None:
        """Cut Region ``a`` off from Region ``b`` (both ways) until ``heal``."""
        a, b = self._region(a), self._region(b)
        if a == b:
            raise ValueError(f"a Region cannot be partitioned from itself ({a!r})")
        with self._lock:
            self._partitions.add(frozenset((a, b)))
            self.faulty = True

    def heal(self, a: str | None = None, b: str | None = None) -> None:
        """End the partition between ``a`` and ``b``; every partition of ``a`` when ``b``
        is None; every partition when both are None. Queued replication then flows."""
        with self._lock:
            if a is None and b is None:
                self._partitions.clear()
            elif b is None:
                a = self._region(a)
                self._partitions = {p for p in self._partitions if a not in p}
            else:
                self._partitions.discard(frozenset((self._region(a), self._region(b))))
            self.faulty = bool(self._partitions or self._paused)
        self._wake()

    def partitioned(self, a: str, b: str) -> bool:
        """True while Regions ``a`` and ``b`` cannot reach each other."""
        return frozenset((a, b)) in self._partitions

    def pause(self, region: str, table: str) -> None:
        """Pause replication to and from the replica of ``table`` in ``region``."""
        with self._lock:
            self._paused.add((self._region(region), table))
            self.faulty = True

    def resume(self, region: str, table: str) -> None:
        """Resume a paused replica: what was queued for it and from it flows again."""
        with self._lock:
            self._paused.discard((region, table))
            self.faulty = bool(self._partitions or self._paused)
        self._wake()

    def paused(self, region: str, table: str) -> bool:
        """True while the replica of ``table`` in ``region`` is paused."""
        return (region, table) in self._paused

    def blocked(self, source: str, target: str, table: str) -> bool:
        """True when replication of ``table`` from ``source`` to ``target`` must wait."""
        if not self.faulty:
            return False
        return (
            frozenset((source, target)) in self._partitions
            or (source, table) in self._paused
            or (target, table) in self._paused
        )

    def state(self) -> tuple[frozenset[frozenset[str]], frozenset[tuple[str, str]]]:
        """The partitions and paused replicas, as a value (``cloud.snapshot()``)."""
        with self._lock:
            return frozenset(self._partitions), frozenset(self._paused)

    def restore(self, state: tuple[frozenset[frozenset[str]], frozenset[tuple[str, str]]]) -> None:
        """Put back what ``state()`` returned (``cloud.restore()``); what waited may flow."""
        with self._lock:
            self._partitions, self._paused = set(state[0]), set(state[1])
            self.faulty = bool(self._partitions or self._paused)
        self._wake()

    def _wake(self) -> None:
        """Tell every built engine that the network changed (``network_healed``)."""
        for engine in list(self._cloud._engines.values()):
            healed = getattr(engine, "network_healed", None)
            if callable(healed):
                healed()

    def __repr__(self) -> str:
        pairs = sorted(tuple(sorted(p)) for p in self._partitions)
        return f"<Network partitions={pairs} paused={sorted(self._paused)}>"
