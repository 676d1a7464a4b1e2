"""Hypothesis state machines: the engine against plain models.

Standard queue with a dead-letter queue: visibility timeouts, receive counts, deletes
by the latest handle, and redrive on the receive that exceeds maxReceiveCount. FIFO
queue: order within each group, groups blocked while a message is in flight, and the
5-minute deduplication window -- all on a ManualClock.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pyserverless import Cloud, ManualClock
from pyserverless.sqs import InvalidParameterValue

VT = 30
MAX_RECEIVES = 3
DEDUP = 300


class _Msg:
    def __init__(self, body: str) -> None:
        self.body = body
        self.visible_at = 0.0
        self.count = 0
        self.handle: str | None = None


class StandardWithDlq(RuleBasedStateMachine):
    """A standard queue redriving to a DLQ, against a model of pyserverless's order
    (oldest first; a received message goes to the back)."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud(clock=ManualClock(1_700_000_000))
        self.sqs = self.cloud.client("sqs")
        self.dlq = self.sqs.create_queue(QueueName="dlq")["QueueUrl"]
        policy = {
            "deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq",
            "maxReceiveCount": MAX_RECEIVES,
        }
        self.src = self.sqs.create_queue(
            QueueName="src",
            Attributes={"VisibilityTimeout": str(VT), "RedrivePolicy": json.dumps(policy)},
        )["QueueUrl"]
        self.now = 0.0
        self.model: dict[str, _Msg] = {}  # src, in send order (id -> message)
        self.dead: list[str] = []  # ids moved to the DLQ
        self.handles: list[tuple[str, str]] = []  # (message id, handle) ever issued
        self.counter = 0

    @rule()
    def send(self) -> None:
        self.counter += 1
        body = f"m{self.counter}"
        out = self.sqs.send_message(QueueUrl=self.src, MessageBody=body)
        msg = _Msg(body)
        msg.visible_at = self.now
        self.model[out["MessageId"]] = msg

    @rule(n=st.integers(1, 10), vt=st.none() | st.integers(0, 60))
    def receive(self, n: int, vt: int | None) -> None:
        params: dict[str, Any] = {
            "QueueUrl": self.src,
            "MaxNumberOfMessages": n,
            "MessageSystemAttributeNames": ["ApproximateReceiveCount"],
        }
        if vt is not None:
            params["VisibilityTimeout"] = vt
        got = self.sqs.receive_message(**params).get("Messages", [])
        # the model's answer: visible messages in send order; those at the limit move
        expected: list[str] = []
        moved: list[str] = []
        for mid, msg in self.model.items():
            if len(expected) >= n:
                break
            if msg.visible_at > self.now:
                continue
            if msg.count >= MAX_RECEIVES:
                moved.append(mid)
                continue
            expected.append(mid)
        assert [m["MessageId"] for m in got] == expected
        for m in got:
            msg = self.model[m["MessageId"]]
            msg.count += 1
            msg.visible_at = self.now + (VT if vt is None else vt)
            msg.handle = m["ReceiptHandle"]
            assert m["Body"] == msg.body
            assert m["Attributes"]["ApproximateReceiveCount"] == str(msg.count)
            self.handles.append((m["MessageId"], m["ReceiptHandle"]))
        for mid in moved:
            del self.model[mid]
            self.dead.append(mid)
        for m in got:  # received messages go to the back of a standard queue's order
            self.model[m["MessageId"]] = self.model.pop(m["MessageId"])

    @precondition(lambda self: self.handles)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        mid, handle = data.draw(st.sampled_from(self.handles))
        self.sqs.delete_message(QueueUrl=self.src, ReceiptHandle=handle)
        msg = self.model.get(mid)
        if msg is not None and msg.handle == handle:
            del self.model[mid]

    @precondition(lambda self: self.handles)
    @rule(data=st.data(), vt=st.integers(0, 60))
    def change(self, data: st.DataObject, vt: int) -> None:
        mid, handle = data.draw(st.sampled_from(self.handles))
        msg = self.model.get(mid)
        # Any of the message's handles, an older receive's too (as AWS takes them).
        in_flight = msg is not None and msg.handle is not None and msg.visible_at > self.now
        try:
            self.sqs.change_message_visibility(
                QueueUrl=self.src, ReceiptHandle=handle, VisibilityTimeout=vt
            )
        except self.sqs.exceptions.InvalidParameterValue:
            assert not in_flight
        else:
            assert in_flight
            assert msg is not None
            msg.visible_at = self.now + vt

    @rule(seconds=st.sampled_from([1, 5, 29, 30, 31, 60]))
    def advance(self, seconds: int) -> None:
        self.cloud.advance(seconds)
        self.now += seconds

    @invariant()
    def counts_agree(self) -> None:
        self.cloud.engine("sqs")._check()
        attrs = self.sqs.get_queue_attributes(QueueUrl=self.src, AttributeNames=["All"])
        visible = sum(1 for m in self.model.values() if m.visible_at <= self.now)
        assert attrs["Attributes"]["ApproximateNumberOfMessages"] == str(visible)
        hidden = len(self.model) - visible
        assert attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == str(hidden)
        dlq = self.sqs.get_queue_attributes(
            QueueUrl=self.dlq, AttributeNames=["ApproximateNumberOfMessages"]
        )
        assert dlq["Attributes"]["ApproximateNumberOfMessages"] == str(len(self.dead))


class Fifo(RuleBasedStateMachine):
    """A FIFO queue: per-group order, group blocking and the dedup window."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud(clock=ManualClock(1_700_000_000))
        self.sqs = self.cloud.client("sqs")
        self.url = self.sqs.create_queue(
            QueueName="q.fifo", Attributes={"FifoQueue": "true", "VisibilityTimeout": str(VT)}
        )["QueueUrl"]
        self.now = 0.0
        self.groups: dict[str, list[tuple[str, _Msg]]] = {}
        self.seen: dict[str, tuple[float, str]] = {}  # dedup id -> (first send, message id)
        self.handles: list[tuple[str, str, str]] = []  # (group, id, handle)
        self.counter = 0

    @rule(group=st.sampled_from("ab"), dedup=st.sampled_from(["d1", "d2", "d3", None]))
    def send(self, group: str, dedup: str | None) -> None:
        self.counter += 1
        dedup_id = dedup or f"u{self.counter}"
        out = self.sqs.send_message(
            QueueUrl=self.url,
            MessageBody=f"{group}{self.counter}",
            MessageGroupId=group,
            MessageDeduplicationId=dedup_id,
        )
        first = self.seen.get(dedup_id)
        if first is not None and self.now < first[0] + DEDUP:
            assert out["MessageId"] == first[1]
            return
        self.seen[dedup_id] = (self.now, out["MessageId"])
        msg = _Msg(f"{group}{self.counter}")
        msg.visible_at = self.now
        self.groups.setdefault(group, []).append((out["MessageId"], msg))

    @rule(n=st.integers(1, 10))
    def receive(self, n: int) -> None:
        got = self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=n)
        messages = got.get("Messages", [])
        assert len(messages) <= n
        # A group is open while its head is visible; it gives its visible messages from
        # the head up to its first one in flight (AWS's order: tests/sqs/test_aws_verified*).
        available: dict[str, list[str]] = {}
        for g, members in self.groups.items():
            run: list[str] = []
            for mid, m in members:
                if m.visible_at > self.now:
                    break
                run.append(mid)
            if run:
                available[g] = run
        taken: dict[str, list[str]] = {}
        for m in messages:
            group = m["Body"][0]
            assert group in available, "a blocked group delivered a message"
            taken.setdefault(group, []).append(m["MessageId"])
        for group, ids in taken.items():
            assert ids == available[group][: len(ids)], "not the group's head, in order"
        if not messages:
            assert not any(available.values())
        for m in messages:
            group = m["Body"][0]
            for mid, msg in self.groups[group]:
                if mid == m["MessageId"]:
                    msg.handle = m["ReceiptHandle"]
                    msg.visible_at = self.now + VT
            self.handles.append((group, m["MessageId"], m["ReceiptHandle"]))

    @precondition(lambda self: self.handles)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        group, mid, handle = data.draw(st.sampled_from(self.handles))
        live = [m for i, m in self.groups[group] if i == mid]
        if live and (live[0].handle != handle or live[0].visible_at <= self.now):
            # A FIFO handle dies with its visibility timeout (or a newer receive).
            with pytest.raises(InvalidParameterValue):
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=handle)
            return
        self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=handle)
        self.groups[group] = [(i, m) for i, m in self.groups[group] if i != mid]

    @rule(seconds=st.sampled_from([1, 30, 100, 299, 300]))
    def advance(self, seconds: int) -> None:
        self.cloud.advance(seconds)
        self.now += seconds

    @invariant()
    def engine_consistent(self) -> None:
        self.cloud.engine("sqs")._check()


TestStandardWithDlq = StandardWithDlq.TestCase
TestFifo = Fifo.TestCase
