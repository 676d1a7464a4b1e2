"""A property: through a mapping with random failures, bisects, partial failures and
retries, every record arrives, in order per item key, and a record is delivered again
only after an invocation holding it failed."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import Env

OUTCOMES = st.lists(st.sampled_from(["ok", "ok", "error", "partial"]), max_size=40)


class Flaky:
    """Answers each invocation with the next planned outcome (then "ok")."""

    def __init__(self, plan: list[str], report: bool) -> None:
        self.plan = list(plan)
        self.report = report
        self.calls: list[tuple[list[str], int | None]] = []  # (seqs, index of 1st failure)

    def __call__(self, event: dict[str, Any], context: object) -> Any:
        seqs = [r["dynamodb"]["SequenceNumber"] for r in event["Records"]]
        outcome = self.plan.pop(0) if self.plan else "ok"
        if outcome == "error" or (outcome == "partial" and not self.report):
            self.calls.append((seqs, 0))
            raise RuntimeError("planned failure")
        if outcome == "partial" and seqs:
            cut = len(seqs) // 2
            self.calls.append((seqs, cut))
            return {"batchItemFailures": [{"itemIdentifier": s} for s in seqs[cut:]]}
        self.calls.append((seqs, None))
        return None


@settings(max_examples=40, deadline=None)
@given(
    writes=st.lists(st.sampled_from("abcde"), min_size=1, max_size=30),
    plan=OUTCOMES,
    batch_size=st.integers(1, 8),
    bisect=st.booleans(),
    report=st.booleans(),
    lanes=st.integers(1, 3),
    retries=st.sampled_from([-1, 0, 2]),
)
def test_order_per_key_none_lost_duplicates_only_after_failure(
    cloud_factory: Any,
    writes: list[str],
    plan: list[str],
    batch_size: int,
    bisect: bool,
    report: bool,
    lanes: int,
    retries: int,
) -> None:
    with cloud_factory() as cloud:
        env = Env(cloud)
        flaky = Flaky(plan, report)
        cloud.lambda_.create_function("flaky", handler=flaky)
        made = env.create(
            FunctionName="flaky",
            BatchSize=batch_size,
            BisectBatchOnFunctionError=bisect,
            FunctionResponseTypes=["ReportBatchItemFailures"] if report else [],
            ParallelizationFactor=lanes,
            MaximumRetryAttempts=retries,
        )
        for n, key in enumerate(writes):
            env.table.put_item(Item={"id": key, "n": n})
        cloud.advance(3600)
        written = [(r.keys["id"], r.sequence_number) for r in env.table.stream.records()]
        discarded: set[str] = set()
        for record in env.engine.esm_failures(made["UUID"]):
            info = record["DDBStreamBatchInfo"]
            lo, hi = int(info["startSequenceNumber"]), int(info["endSequenceNumber"])
            discarded |= {s for _, s in written if lo <= int(s) <= hi}

    done: set[str] = set()
    sent: dict[str, int] = {}
    for seqs, failed_at in flaky.calls:
        for i, seq in enumerate(seqs):
            # Sent again only if an earlier invocation holding it did not complete it.
            assert seq not in done, "delivered again after it succeeded"
            sent[seq] = sent.get(seq, 0) + 1
            if failed_at is None or i < failed_at:
                done.add(seq)
    # None lost: each record processed, or given up on (to OnFailure) when retries end.
    assert {s for _, s in written} == done | discarded
    if retries == -1:
        assert discarded == set()
    # In order per key: the first delivery of each key's records follows the writes.
    by_key: dict[str, list[str]] = {}
    for key, seq in written:
        by_key.setdefault(key, []).append(seq)
    first_seen: list[str] = []
    for seqs, _ in flaky.calls:
        first_seen.extend(s for s in seqs if s not in first_seen)
    for seqs in by_key.values():
        positions = [first_seen.index(s) for s in seqs if s in first_seen]
        assert positions == sorted(positions)
    # Completion order per key too.
    completed: list[str] = []
    for seqs, failed_at in flaky.calls:
        for i, seq in enumerate(seqs):
            if (failed_at is None or i < failed_at) and seq not in completed:
                completed.append(seq)
    for seqs in by_key.values():
        order = [completed.index(s) for s in seqs if s in completed]
        assert order == sorted(order)
