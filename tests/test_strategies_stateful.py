"""A stateful test of a small boto3 app against a model; docs/testing.md shows this file.

The app is a to-do list on a DynamoDB table, written against boto3 as a real app is,
run inside ``mock_aws`` on a fresh Cloud per example. The machine checks it against a
plain dict, and a planted bug (a scan that reads one page) is found and shrunk to the
three calls that show it.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.adapters.bridge import MockAWS

# --8<-- [start:machine]
SESSION = boto3.session.Session()  # one session: its clients are cheap to make


class Todos:
    """The app under test: to-do items in a DynamoDB table, through boto3."""

    def __init__(self, client: Any, table: str = "todos") -> None:
        self.client, self.table = client, table

    def add(self, task: str, text: str) -> bool:
        """Add a task; False if a task with that id exists."""
        try:
            self.client.put_item(
                TableName=self.table,
                Item={"id": {"S": task}, "text": {"S": text}, "done": {"BOOL": False}},
                ConditionExpression="attribute_not_exists(id)",
            )
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            return False
        return True

    def complete(self, task: str) -> bool:
        """Mark a task done; False if there is no such task."""
        try:
            self.client.update_item(
                TableName=self.table,
                Key={"id": {"S": task}},
                UpdateExpression="SET done = :yes",
                ConditionExpression="attribute_exists(id)",
                ExpressionAttributeValues={":yes": {"BOOL": True}},
            )
        except ClientError as err:
            if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            return False
        return True

    def remove(self, task: str) -> None:
        self.client.delete_item(TableName=self.table, Key={"id": {"S": task}})

    def open_tasks(self) -> dict[str, str]:
        """Every task not done: a paginated scan, two items a page."""
        pages = self.client.get_paginator("scan").paginate(
            TableName=self.table,
            FilterExpression="done = :no",
            ExpressionAttributeValues={":no": {"BOOL": False}},
            PaginationConfig={"PageSize": 2},
        )
        return {i["id"]["S"]: i["text"]["S"] for page in pages for i in page["Items"]}


class TodoMachine(RuleBasedStateMachine):
    """Random sequences of calls to the app, checked against a dict after each one."""

    app = Todos
    calls: list[str] = []  # the calls of the latest run: the shrunk one, after a failure

    def __init__(self) -> None:
        super().__init__()
        cloud = Cloud(clock=ManualClock())  # a fresh Cloud per example: microseconds
        cloud.client("dynamodb").create_table(  # set up without boto3: quicker
            TableName="todos",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        self.mock: MockAWS | None = None
        self.todos = self.app(self.connect(cloud))
        self.model: dict[str, tuple[str, bool]] = {}  # id -> (text, done)
        type(self).calls = []

    def connect(self, cloud: Cloud) -> Any:
        """The app's client: boto3's, routed to ``cloud`` by mock_aws."""
        self.mock = mock_aws(cloud)
        self.mock.start()
        return SESSION.client("dynamodb", region_name="us-east-1")

    def teardown(self) -> None:
        if self.mock is not None:
            self.mock.stop()

    tasks = st.sampled_from(["a", "b", "c"])

    @rule(task=tasks, text=st.text(max_size=5))
    def add(self, task: str, text: str) -> None:
        self.calls.append(f"add({task!r})")
        assert self.todos.add(task, text) == (task not in self.model)
        self.model.setdefault(task, (text, False))

    @rule(task=tasks)
    def complete(self, task: str) -> None:
        self.calls.append(f"complete({task!r})")
        assert self.todos.complete(task) == (task in self.model)
        if task in self.model:
            self.model[task] = (self.model[task][0], True)

    @rule(task=tasks)
    def remove(self, task: str) -> None:
        self.calls.append(f"remove({task!r})")
        self.todos.remove(task)
        self.model.pop(task, None)

    @invariant()
    def open_tasks_match(self) -> None:
        expected = {task: text for task, (text, done) in self.model.items() if not done}
        assert self.todos.open_tasks() == expected


TestTodos = TodoMachine.TestCase  # pytest runs the machine
TestTodos.settings = settings(stateful_step_count=10, deadline=None)
# --8<-- [end:machine]


class BuggyTodos(Todos):
    """The planted bug: open_tasks() reads the first page of the scan only."""

    def open_tasks(self) -> dict[str, str]:
        page = self.client.scan(
            TableName=self.table,
            FilterExpression="done = :no",
            ExpressionAttributeValues={":no": {"BOOL": False}},
            Limit=2,
        )
        return {i["id"]["S"]: i["text"]["S"] for i in page["Items"]}


class BuggyMachine(TodoMachine):
    """The machine on the buggy app, through ``cloud.client``: the same calls without
    botocore, whose client takes milliseconds to build, so the many runs of shrinking
    stay quick."""

    app = BuggyTodos

    def connect(self, cloud: Cloud) -> Any:
        return cloud.client("dynamodb")


class TestThePlantedBug:
    """The machine finds the planted bug and shrinks it to a minimal sequence of AWS calls."""

    def test_found_and_shrunk(self) -> None:
        """Three adds: the shortest sequence that fills a second page."""
        search = settings(
            max_examples=100, stateful_step_count=10, derandomize=True, database=None, deadline=None
        )
        with pytest.raises(AssertionError):
            run_state_machine_as_test(BuggyMachine, settings=search)
        # In the scan's order (by the hash of each key), whatever order they were added in.
        assert sorted(BuggyMachine.calls) == ["add('a')", "add('b')", "add('c')"]

    def test_the_correct_app_passes(self) -> None:
        """The same search finds nothing in the app with its condition."""
        search = settings(
            max_examples=30, stateful_step_count=10, derandomize=True, database=None, deadline=None
        )
        run_state_machine_as_test(TodoMachine, settings=search)


def test_the_docs_show_this_machine_unchanged() -> None:
    """docs/testing.md shows the machine above, character for character."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    source = Path(__file__).read_text()
    machine = source.split("# --8<-- [start:machine]\n")[1].split("# --8<-- [end:machine]")[0]
    doc = (root / "docs" / "testing.md").read_text()
    shown = doc.split("<!-- machine -->\n```python\n")[1].split("```")[0]
    assert shown.strip() == machine.strip()
