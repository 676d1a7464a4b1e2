"""``cloud.sqs``: queues as Python objects (``queue``, ``send``, ``receive``, ``messages``).

Every call goes through the boto3-shaped client, so a queue made here is the queue the
client and the wire see.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._client import SQSClient
    from ._engine import SQS

__all__ = ["Message", "QueueHandle", "SQSResource"]


@attrs.frozen
class Message:
    """A received message: its body, ids, receipt handle and attributes.

    ``attributes`` are the system attributes (``ApproximateReceiveCount``, ...);
    ``message_attributes`` the sender's, as ``{name: str | bytes}``.
    """

    body: str
    message_id: str
    receipt_handle: str
    attributes: Mapping[str, str] = attrs.field(factory=dict)
    message_attributes: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def receive_count(self) -> int:
        """How many times the message has been received, this time included."""
        return int(self.attributes.get("ApproximateReceiveCount", "0"))

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


def _attribute(value: Any) -> dict[str, Any]:
    if isinstance(value, bytes | bytearray):
        return {"DataType": "Binary", "BinaryValue": bytes(value)}
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"a message attribute is a str, a number or bytes; got {value!r}")
    if isinstance(value, str):
        return {"DataType": "String", "StringValue": value}
    return {"DataType": "Number", "StringValue": str(value)}


class QueueHandle:
    """One queue: ``send``, ``receive``, ``delete``, ``messages``, ``attributes``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> q = cloud.sqs.queue("jobs", visibility_timeout=10)
    >>> q.send("one", attributes={"kind": "test"})
    '...'
    >>> q
    <Queue 'jobs' standard: 1 visible, 0 in flight, 0 delayed>
    >>> [m] = q.receive()
    >>> m.body, m.message_attributes, m.receive_count
    ('one', {'kind': 'test'}, 1)
    >>> q
    <Queue 'jobs' standard: 0 visible, 1 in flight, 0 delayed>
    >>> _ = cloud.advance(10)
    >>> [m.receive_count for m in q.receive()]
    [2]
    """

    __slots__ = ("_client", "name", "url")

    def __init__(self, client: SQSClient, name: str, url: str) -> None:
        self._client = client
        #: The queue's name and URL.
        self.name = name
        self.url = url

    @property
    def fifo(self) -> bool:
        """Whether this is a FIFO queue."""
        return self.name.endswith(".fifo")

    @property
    def arn(self) -> str:
        """The queue's ARN."""
        return self.attributes()["QueueArn"]

    def attributes(self) -> dict[str, str]:
        """Every attribute (GetQueueAttributes with ``All``)."""
        answer = self._client.get_queue_attributes(QueueUrl=self.url, AttributeNames=["All"])
        return dict(answer.get("Attributes", {}))

    def set(self, **attributes: Any) -> QueueHandle:
        """Change attributes by their AWS names: ``q.set(VisibilityTimeout=60)``."""
        self._client.set_queue_attributes(
            QueueUrl=self.url, Attributes={k: str(v) for k, v in attributes.items()}
        )
        return self

    def send(
        self,
        body: str | Mapping[str, Any] | list[Any],
        *,
        attributes: Mapping[str, Any] | None = None,
        delay: int | None = None,
        group: str | None = None,
        dedup_id: str | None = None,
    ) -> str:
        """Send a message (a dict or list is sent as JSON); returns its MessageId."""
        params: dict[str, Any] = {
            "QueueUrl": self.url,
            "MessageBody": body if isinstance(body, str) else json.dumps(body),
        }
        if attributes:
            params["MessageAttributes"] = {k: _attribute(v) for k, v in attributes.items()}
        if delay is not None:
            params["DelaySeconds"] = delay
        if group is not None:
            params["MessageGroupId"] = group
        if dedup_id is not None:
            params["MessageDeduplicationId"] = dedup_id
        return str(self._client.send_message(**params)["MessageId"])

    def receive(self, max: int = 10, *, visibility_timeout: int | None = None) -> list[Message]:
        """Receive up to ``max`` visible messages, with every attribute."""
        params: dict[str, Any] = {
            "QueueUrl": self.url,
            "MaxNumberOfMessages": max,
            "MessageSystemAttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
        }
        if visibility_timeout is not None:
            params["VisibilityTimeout"] = visibility_timeout
        answer = self._client.receive_message(**params)
        return [_message(m) for m in answer.get("Messages", [])]

    def delete(self, message: Message | str) -> None:
        """Delete a received message (a Message or its receipt handle)."""
        handle = message.receipt_handle if isinstance(message, Message) else message
        self._client.delete_message(QueueUrl=self.url, ReceiptHandle=handle)

    @property
    def messages(self) -> list[str]:
        """The bodies of every message in the queue, in flight or not, in send order
        (a look inside that receives nothing)."""
        engine: SQS = self._client._engine
        with engine.lock:
            queue = engine.queues.get(self.name)
            if queue is None:
                return []
            now = engine.now()
            return [m.body for m in queue.messages.values() if m.expires_at > now]

    def purge(self) -> None:
        """Delete every message (PurgeQueue)."""
        self._client.purge_queue(QueueUrl=self.url)

    def delete_queue(self) -> None:
        """Delete the queue (DeleteQueue)."""
        self._client.delete_queue(QueueUrl=self.url)

    def __repr__(self) -> str:
        try:
            found = self.attributes()
        except Exception:  # a deleted queue still prints
            return f"<Queue {self.name!r} (deleted)>"
        kind = "FIFO" if self.fifo else "standard"
        return (
            f"<Queue {self.name!r} {kind}: {found['ApproximateNumberOfMessages']} visible, "
            f"{found['ApproximateNumberOfMessagesNotVisible']} in flight, "
            f"{found['ApproximateNumberOfMessagesDelayed']} delayed>"
        )


def _message(raw: Mapping[str, Any]) -> Message:
    attrs_in = raw.get("MessageAttributes", {})
    values = {
        k: (v["BinaryValue"] if "BinaryValue" in v else v["StringValue"])
        for k, v in attrs_in.items()
    }
    return Message(
        body=raw["Body"],
        message_id=raw["MessageId"],
        receipt_handle=raw["ReceiptHandle"],
        attributes=dict(raw.get("Attributes", {})),
        message_attributes=values,
    )


class SQSResource:
    """``cloud.sqs``: make and find queues.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> dlq = cloud.sqs.queue("orders-dlq")
    >>> orders = cloud.sqs.queue("orders", dead_letter=dlq, max_receives=2)
    >>> cloud.sqs.queue("steps.fifo", content_dedup=True)
    <Queue 'steps.fifo' FIFO: 0 visible, 0 in flight, 0 delayed>
    >>> sorted(q.name for q in cloud.sqs.queues())
    ['orders', 'orders-dlq', 'steps.fifo']
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._cloud = cloud
        self._client: SQSClient = cloud.client("sqs", region)
        self.region = region

    def queue(
        self,
        name: str,
        *,
        fifo: bool | None = None,
        visibility_timeout: int | None = None,
        delay: int | None = None,
        retention: int | None = None,
        content_dedup: bool | None = None,
        dead_letter: QueueHandle | str | None = None,
        max_receives: int = 3,
        attributes: Mapping[str, Any] | None = None,
    ) -> QueueHandle:
        """Create a queue (or get the identical one). ``fifo`` defaults to the name's
        ``.fifo``; ``dead_letter`` (a queue or an ARN) sets a RedrivePolicy."""
        found: dict[str, str] = {k: str(v) for k, v in (attributes or {}).items()}
        if fifo if fifo is not None else name.endswith(".fifo"):
            found["FifoQueue"] = "true"
        for key, value in (
            ("VisibilityTimeout", visibility_timeout),
            ("DelaySeconds", delay),
            ("MessageRetentionPeriod", retention),
        ):
            if value is not None:
                found[key] = str(value)
        if content_dedup is not None:
            found["ContentBasedDeduplication"] = "true" if content_dedup else "false"
        if dead_letter is not None:
            arn = dead_letter.arn if isinstance(dead_letter, QueueHandle) else dead_letter
            found["RedrivePolicy"] = json.dumps(
                {"deadLetterTargetArn": arn, "maxReceiveCount": max_receives}
            )
        url = self._client.create_queue(QueueName=name, Attributes=found)["QueueUrl"]
        return QueueHandle(self._client, name, url)

    def get(self, name: str) -> QueueHandle:
        """An existing queue by name (QueueDoesNotExist otherwise)."""
        url = self._client.get_queue_url(QueueName=name)["QueueUrl"]
        return QueueHandle(self._client, name, url)

    def queues(self, prefix: str = "") -> list[QueueHandle]:
        """Every queue whose name starts with ``prefix``."""
        params: dict[str, Any] = {"QueueNamePrefix": prefix, "MaxResults": 1000}
        out: list[QueueHandle] = []
        while True:
            page = self._client.list_queues(**params)
            out.extend(
                QueueHandle(self._client, url.rsplit("/", 1)[1], url)
                for url in page.get("QueueUrls", [])
            )
            if "NextToken" not in page:
                return out
            params["NextToken"] = page["NextToken"]

    def __repr__(self) -> str:
        return f"sqs.ServiceResource(region={self.region!r})"
