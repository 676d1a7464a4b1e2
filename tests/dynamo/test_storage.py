"""The sorted store under tables and indexes: ranges, scan order, segments, invariants."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless.dynamo._storage import TOP, Store, key_bytes, prefix_upper

OPS = st.lists(
    st.tuples(st.booleans(), st.sampled_from(["a", "b", "c", "é", "zz"]), st.integers(0, 20)),
    max_size=60,
)


def build(ops: list[tuple[bool, str, int]]) -> tuple[Store, dict[tuple[str, int], int]]:
    store = Store(sorted_partitions=True)
    model: dict[tuple[str, int], int] = {}
    for put, hk, sk in ops:
        if put:
            store.put(hk, sk, ({"hk": hk, "sk": sk}, sk + 1))
            model[(hk, sk)] = sk + 1
        else:
            removed = store.remove(hk, sk)
            assert (removed is None) == ((hk, sk) not in model)
            model.pop((hk, sk), None)
        store._check()
    return store, model


class TestStore:
    @given(OPS, st.integers(0, 20), st.integers(0, 20), st.booleans())
    def test_range_matches_model(self, ops: Any, low: int, high: int, reverse: bool) -> None:
        """A range read returns exactly the model's keys in the range, in order."""
        store, model = build(ops)
        got = [sk for sk, _e in store.range("a", low, high, reverse=reverse)]
        expected = sorted(
            (sk for hk, sk in model if hk == "a" and low <= sk <= high), reverse=reverse
        )
        assert got == expected
        assert len(store) == len(model)
        assert store.size_bytes == sum(model.values())

    @given(OPS, st.integers(1, 5))
    def test_segments_partition_the_scan(self, ops: Any, total: int) -> None:
        """Segments are disjoint, cover everything, and match the full scan's order."""
        store, model = build(ops)
        full = [(hk, sk) for hk, sk, _e in store.scan()]
        assert sorted(full) == sorted(model)
        parts = [
            [(hk, sk) for hk, sk, _e in store.scan(segment=s, total_segments=total)]
            for s in range(total)
        ]
        assert [k for p in parts for k in p] == full
        for hk, _sk in full:
            assert (hk, _sk) in parts[store.segment_of(hk, total)]

    @given(OPS, st.data())
    def test_scan_resumes_after_any_key(self, ops: Any, data: st.DataObject) -> None:
        """Resuming after the n-th key yields exactly the rest."""
        store, _model = build(ops)
        full = [(hk, sk) for hk, sk, _e in store.scan()]
        if not full:
            return
        n = data.draw(st.integers(0, len(full) - 1))
        rest = [(hk, sk) for hk, sk, _e in store.scan(start=full[n])]
        assert rest == full[n + 1 :]

    def test_unsorted_store(self) -> None:
        """A table without a sort key keeps one entry per partition key."""
        store = Store(sorted_partitions=False)
        assert store.put("a", None, ({"id": "a"}, 3)) is None
        assert store.put("a", None, ({"id": "a", "x": 1}, 5)) is not None
        assert (len(store), store.size_bytes) == (1, 5)
        assert [hk for hk, _sk, _e in store.scan()] == ["a"]
        assert store.remove("a")[0]["x"] == 1  # type: ignore[index]
        store._check()

    def test_check_catches_a_broken_count(self) -> None:
        """_check() fails when the bookkeeping is wrong."""
        store = Store(sorted_partitions=True)
        store.put("a", 1, ({}, 1))
        store.count = 5
        with pytest.raises(AssertionError):
            store._check()


class TestHelpers:
    def test_top_is_above_everything(self) -> None:
        """TOP closes tuple ranges from above."""
        assert ("a", TOP) > ("a", "zzz")
        assert ("a", TOP) < ("b",)

    @given(st.text(min_size=1), st.text())
    def test_prefix_upper_bounds_the_prefix(self, prefix: str, tail: str) -> None:
        """Every string that starts with the prefix sorts below its upper bound."""
        upper = prefix_upper(prefix)
        if upper is not None:
            assert prefix + tail < upper
            assert prefix <= prefix + tail

    def test_key_bytes(self) -> None:
        """Numbers hash by value, not by spelling."""
        from decimal import Decimal

        assert key_bytes(Decimal("1.0")) == key_bytes(Decimal("1"))
