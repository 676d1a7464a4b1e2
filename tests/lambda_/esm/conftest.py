"""Helpers for the event source mapping tests: a table with a stream, a recording
function, and the clients, as one ``env`` fixture."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud


class Recorder:
    """A handler that keeps every event it gets and answers as told: ``answers`` are
    returned in turn; a batch holding an id in ``fail`` raises."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.answers: list[Any] = []
        self.fail: set[str] = set()

    def __call__(self, event: dict[str, Any], context: object) -> Any:
        self.events.append(event)
        if {record_id(r) for r in event["Records"]} & self.fail:
            raise RuntimeError("poison record")
        return self.answers.pop(0) if self.answers else None

    @property
    def batches(self) -> list[list[str]]:
        return [[record_id(r) for r in e["Records"]] for e in self.events]

    @property
    def ids(self) -> list[str]:
        return [i for b in self.batches for i in b]


def record_id(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["Keys"]["id"]["S"])


class Env:
    """A Cloud with table ``orders`` (a NEW_AND_OLD_IMAGES stream) and function
    ``worker`` (a :class:`Recorder`)."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.table = self.make_table("orders")
        self.rec = Recorder()
        self.fn = cloud.lambda_.create_function("worker", handler=self.rec)
        self.client = cloud.client("lambda")
        self.engine = cloud.engine("lambda")

    def make_table(self, name: str, view: str = "NEW_AND_OLD_IMAGES") -> Any:
        return self.cloud.dynamo.create_table(
            TableName=name,
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": view},
        )

    @property
    def arn(self) -> str:
        return str(self.table.stream.arn)

    def put(self, *ids: str, **attrs: Any) -> None:
        for i in ids:
            self.table.put_item(Item={"id": i, **attrs})

    def create(self, **params: Any) -> dict[str, Any]:
        request = {
            "EventSourceArn": self.arn,
            "FunctionName": "worker",
            "StartingPosition": "TRIM_HORIZON",
            **params,
        }
        return dict(self.engine.create_event_source_mapping(request))

    def run(self, seconds: float = 1.0) -> None:
        self.cloud.advance(seconds)


@pytest.fixture
def env(cloud: Cloud) -> Env:
    return Env(cloud)
