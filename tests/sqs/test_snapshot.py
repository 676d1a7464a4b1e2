"""cloud.snapshot() and restore() carry SQS's queues, messages and move tasks; the
long-poll condition stays bound to the engine's lock."""

from __future__ import annotations

from pyserverless import Cloud


def test_snapshot_and_restore() -> None:
    """Messages sent after a snapshot are gone after restore; in-flight state returns."""
    cloud = Cloud.manual()
    q = cloud.sqs.queue("a")
    q.send("x")
    snap = cloud.snapshot()
    q.send("y")
    q.receive()
    cloud.restore(snap)
    assert q.messages == ["x"]
    [message] = q.receive()
    assert message.receive_count == 1
    engine = cloud.engine("sqs")
    assert engine.arrivals._lock is engine.lock
    engine._check()


def test_move_task_survives_restore() -> None:
    """A running move task restored from a snapshot finishes on the clock."""
    cloud = Cloud.manual()
    dlq = cloud.sqs.queue("dlq")
    src = cloud.sqs.queue("src", dead_letter=dlq, max_receives=1)
    dest = cloud.sqs.queue("dest")
    for body in "ab":
        dlq.send(body)
    sqs = cloud.client("sqs")
    sqs.start_message_move_task(SourceArn=dlq.arn, DestinationArn=dest.arn)
    snap = cloud.snapshot()
    cloud.advance(1)
    assert sorted(dest.messages) == ["a", "b"]
    cloud.restore(snap)
    assert dest.messages == []
    cloud.advance(1)
    assert sorted(dest.messages) == ["a", "b"]
    assert src.messages == []
