"""Lambda writes into CloudWatch Logs: the group and stream appear on the first invocation,
and the function's output is read back with the Logs API."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from pyserverless import Cloud

from .conftest import NOW_MS


def shout(event: Any, context: Any) -> str:
    print("ERROR boom" if event.get("fail") else "all good")
    return "ok"


def log_json(event: Any, context: Any) -> None:
    logger = logging.getLogger("app")
    logger.error("bad thing")
    logger.warning("careful")


class TestLambdaWritesLogs:
    def test_group_made_on_first_invocation(self, cloud: Cloud, logs: Any) -> None:
        """CreateFunction makes no log group; the first invocation makes group and stream."""
        fn = cloud.lambda_.create_function("f", handler=shout)
        assert logs.describe_log_groups()["logGroups"] == []
        fn.invoke({})
        (group,) = logs.describe_log_groups()["logGroups"]
        assert group["logGroupName"] == "/aws/lambda/f"
        assert group["creationTime"] == NOW_MS
        (stream,) = logs.describe_log_streams(logGroupName="/aws/lambda/f")["logStreams"]
        assert re.fullmatch(r"2024/03/25/\[\$LATEST\][0-9a-f]{32}", stream["logStreamName"])
        assert stream["firstEventTimestamp"] == stream["lastEventTimestamp"] == NOW_MS

    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_filter_errors_of_an_invocation(self, cloud: Cloud, isolation: str) -> None:
        """``filter_log_events(filterPattern="ERROR")`` finds what the handler printed,
        in either isolation mode."""
        fn = cloud.lambda_.create_function("f", handler=shout, isolation=isolation)
        fn.invoke({})
        cloud.advance(5)
        fn.invoke({"fail": True})
        got = cloud.client("logs").filter_log_events(
            logGroupName="/aws/lambda/f", filterPattern="ERROR"
        )
        assert [(e["message"], e["timestamp"]) for e in got["events"]] == [
            ("ERROR boom\n", NOW_MS + 5000)
        ]

    def test_platform_lines_in_order(self, cloud: Cloud, logs: Any) -> None:
        """GetLogEvents reads START, the output, END and REPORT of each invocation."""
        fn = cloud.lambda_.create_function("f", handler=shout)
        fn.invoke({})
        (stream,) = logs.describe_log_streams(logGroupName="/aws/lambda/f")["logStreams"]
        got = logs.get_log_events(
            logGroupName="/aws/lambda/f", logStreamName=stream["logStreamName"], startFromHead=True
        )
        heads = [e["message"].split()[0] for e in got["events"]]
        assert heads == ["START", "all", "END", "REPORT"]
        # Text format: each event ends with a newline, as Lambda's runtime writes it;
        # fn.logs() gives the lines without it.
        assert all(e["message"].endswith("\n") for e in got["events"])
        assert got["events"][-1]["message"].endswith(" ms\t\n")  # REPORT: Init Duration last
        assert fn.logs() == [e["message"][:-1] for e in got["events"]]

    def test_json_log_format_and_json_patterns(self, cloud: Cloud, logs: Any) -> None:
        """With the JSON log format, ``{ $.level = "ERROR" }`` picks the handler's error record."""
        cloud.lambda_.create_function(
            "j", handler=log_json, logging_config={"LogFormat": "JSON"}
        ).invoke({})
        got = logs.filter_log_events(
            logGroupName="/aws/lambda/j", filterPattern='{ $.level = "ERROR" }'
        )
        (event,) = got["events"]
        assert '"bad thing"' in event["message"]
        assert not event["message"].endswith("\n")  # JSON format: one record per event

    def test_deleted_group_comes_back_with_a_new_environment(self, cloud: Cloud, logs: Any) -> None:
        """A deleted group reads empty; a new execution environment makes it again."""
        fn = cloud.lambda_.create_function("f", handler=shout)
        fn.invoke({})
        logs.delete_log_group(logGroupName="/aws/lambda/f")
        assert fn.logs() == []
        fn.update(memory_mb=256)  # a new environment on the next call
        fn.invoke({})
        assert len(logs.describe_log_streams(logGroupName="/aws/lambda/f")["logStreams"]) == 1
        assert "all good" in fn.logs()

    def test_retention_on_a_function_group(self, cloud: Cloud, logs: Any) -> None:
        """A retention policy on ``/aws/lambda/f`` removes its old invocations on the clock."""
        fn = cloud.lambda_.create_function("f", handler=shout)
        fn.invoke({})
        logs.put_retention_policy(logGroupName="/aws/lambda/f", retentionInDays=1)
        cloud.advance(2 * 86_400)
        fn.invoke({})
        assert fn.logs().count("all good") == 1

    def test_resource_layer(self, cloud: Cloud) -> None:
        """``cloud.logs.group(...)`` shows a function's group, streams and events."""
        fn = cloud.lambda_.create_function("f", handler=shout)
        fn.invoke({"fail": True})
        group = cloud.logs.group("/aws/lambda/f")
        assert repr(group) == "<LogGroup '/aws/lambda/f' streams=1>"
        (stream,) = group.streams
        assert stream.name.startswith("2024/03/25/[$LATEST]")
        assert [e.message for e in group.events(pattern="ERROR")] == ["ERROR boom\n"]
        assert [e.stream for e in stream.events()][:1] == [stream.name]


class TestGroupsOutliveFunctions:
    def test_group_kept_after_delete_function(self, cloud: Cloud, logs: Any) -> None:
        """Deleting a function leaves its log group and events, as in AWS."""
        fn = cloud.lambda_.create_function("f", handler=shout)
        fn.invoke({})
        fn.delete()
        got = logs.filter_log_events(logGroupName="/aws/lambda/f", filterPattern="good")
        assert [e["message"] for e in got["events"]] == ["all good\n"]

    def test_custom_log_group(self, cloud: Cloud, logs: Any) -> None:
        """LoggingConfig's LogGroup is made in Logs on the first invocation and written to."""
        fn = cloud.lambda_.create_function(
            "f", handler=shout, logging_config={"LogGroup": "/custom/shared"}
        )
        assert logs.describe_log_groups()["logGroups"] == []
        fn.invoke({})
        names = [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]
        assert names == ["/custom/shared"]
        got = logs.filter_log_events(logGroupName="/custom/shared", filterPattern="good")
        assert len(got["events"]) == 1


def test_latest_stream_first(cloud: Cloud, logs: Any) -> None:
    """The usual "latest stream" query: orderBy LastEventTime, descending, limit 1."""
    fn = cloud.lambda_.create_function("f", handler=shout)
    fn.invoke({})
    first = logs.describe_log_streams(logGroupName="/aws/lambda/f")["logStreams"][0]
    cloud.advance(60)
    fn.update(memory_mb=256)  # the next call starts a new environment, with a new stream
    fn.invoke({"fail": True})
    (latest,) = logs.describe_log_streams(
        logGroupName="/aws/lambda/f", orderBy="LastEventTime", descending=True, limit=1
    )["logStreams"]
    assert latest["logStreamName"] != first["logStreamName"]
    assert latest["lastEventTimestamp"] == NOW_MS + 60_000
    got = logs.get_log_events(
        logGroupName="/aws/lambda/f", logStreamName=latest["logStreamName"], startFromHead=True
    )
    assert "ERROR boom\n" in [e["message"] for e in got["events"]]
