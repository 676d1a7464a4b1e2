"""PutLogEvents, GetLogEvents and FilterLogEvents through boto3 on the bridge."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from pyserverless import Cloud

from .conftest import DAY_MS, HOUR_MS, NOW_MS, group_with_stream, put, refused


def messages(answer: Any) -> list[str]:
    return [e["message"] for e in answer["events"]]


class TestPutLogEvents:
    def test_stored_with_ingestion_time(self, logs: Any) -> None:
        """Events keep their timestamps; the ingestion time is the Cloud's clock."""
        group_with_stream(logs)
        out = put(logs, (NOW_MS - 10, "a"), (NOW_MS - 10, "b"))
        assert len(out["nextSequenceToken"]) == 56
        assert "rejectedLogEventsInfo" not in out
        got = logs.get_log_events(logGroupName="/app", logStreamName="s")
        assert got["events"] == [
            {"timestamp": NOW_MS - 10, "message": "a", "ingestionTime": NOW_MS},
            {"timestamp": NOW_MS - 10, "message": "b", "ingestionTime": NOW_MS},
        ]

    def test_missing_group_and_stream(self, logs: Any) -> None:
        """AWS's not-found messages for the group and for the stream."""
        assert refused(
            logs.put_log_events,
            logGroupName="/no",
            logStreamName="s",
            logEvents=[{"timestamp": NOW_MS, "message": "x"}],
        ) == ("ResourceNotFoundException", "The specified log group does not exist.")
        logs.create_log_group(logGroupName="/app")
        assert refused(
            logs.put_log_events,
            logGroupName="/app",
            logStreamName="s",
            logEvents=[{"timestamp": NOW_MS, "message": "x"}],
        ) == ("ResourceNotFoundException", "The specified log stream does not exist.")

    def test_sequence_token_ignored(self, logs: Any) -> None:
        """Any sequence token is accepted, as AWS now ignores them."""
        group_with_stream(logs)
        logs.put_log_events(
            logGroupName="/app",
            logStreamName="s",
            logEvents=[{"timestamp": NOW_MS, "message": "x"}],
            sequenceToken="whatever",
        )

    def test_chronological_order(self, logs: Any) -> None:
        """Out of order in one batch: refused, nothing stored; equal timestamps are fine."""
        group_with_stream(logs)
        code, message = refused(
            logs.put_log_events,
            logGroupName="/app",
            logStreamName="s",
            logEvents=[
                {"timestamp": NOW_MS, "message": "b"},
                {"timestamp": NOW_MS - 1, "message": "a"},
            ],
        )
        assert (code, message) == (
            "InvalidParameterException",
            "Log events in a single PutLogEvents request must be in chronological order.",
        )
        put(logs, (NOW_MS, "x"), (NOW_MS, "y"))
        got = logs.get_log_events(logGroupName="/app", logStreamName="s")
        assert messages(got) == ["x", "y"]

    def test_later_batches_may_go_back_in_time(self, logs: Any) -> None:
        """Across batches order is free: events are read back by timestamp."""
        group_with_stream(logs)
        put(logs, (NOW_MS, "late"))
        put(logs, (NOW_MS - 1000, "early"))
        got = logs.get_log_events(logGroupName="/app", logStreamName="s", startFromHead=True)
        assert messages(got) == ["early", "late"]

    def test_span_of_24_hours_both_sides(self, logs: Any) -> None:
        """A batch may span exactly 24 hours; a millisecond more is refused."""
        group_with_stream(logs)
        start = NOW_MS - DAY_MS - 1
        code, _ = refused(
            logs.put_log_events,
            logGroupName="/app",
            logStreamName="s",
            logEvents=[
                {"timestamp": start, "message": "a"},
                {"timestamp": NOW_MS, "message": "b"},
            ],
        )
        assert code == "InvalidParameterException"
        put(logs, (start + 1, "a"), (NOW_MS, "b"))

    def test_batch_bytes_both_sides(self, logs: Any) -> None:
        """1,048,576 bytes (messages in UTF-8 plus 26 per event) pass; one more is refused."""
        group_with_stream(logs)
        limit = 1_048_576
        second = "é" * 1000  # 2,000 bytes in UTF-8
        first = "x" * (limit - 2 * 26 - 2000)
        put(logs, (NOW_MS, first), (NOW_MS, second))
        code, message = refused(
            logs.put_log_events,
            logGroupName="/app",
            logStreamName="s",
            logEvents=[
                {"timestamp": NOW_MS, "message": first + "x"},
                {"timestamp": NOW_MS, "message": second},
            ],
        )
        assert code == "InvalidParameterException"
        assert message == "Upload too large: 1048577 bytes exceeds limit of 1048576"

    def test_ten_thousand_events_both_sides(self, logs: Any) -> None:
        """10,000 events in a batch pass; 10,001 are refused by the model."""
        group_with_stream(logs)
        batch = [{"timestamp": NOW_MS, "message": "m"}] * 10_000
        logs.put_log_events(logGroupName="/app", logStreamName="s", logEvents=batch)
        code, _ = refused(
            logs.put_log_events,
            logGroupName="/app",
            logStreamName="s",
            logEvents=[*batch, batch[0]],
        )
        assert code == "InvalidParameterException"

    def test_empty_message_refused(self, logs: Any) -> None:
        """A message must have at least one character (botocore's client-side minimum)."""
        group_with_stream(logs)
        with pytest.raises(ParamValidationError):
            put(logs, (NOW_MS, ""))

    def test_too_old_and_too_new_both_sides(self, logs: Any) -> None:
        """14 days back and 2 hours ahead are accepted; a millisecond beyond each is rejected."""
        group_with_stream(logs)
        oldest, newest = NOW_MS - 14 * DAY_MS, NOW_MS + 2 * HOUR_MS
        out = put(logs, (oldest - 1, "too old"), (oldest, "old ok"))
        assert out["rejectedLogEventsInfo"] == {"tooOldLogEventEndIndex": 1}
        out = put(logs, (newest, "new ok"), (newest + 1, "too new"))
        assert out["rejectedLogEventsInfo"] == {"tooNewLogEventStartIndex": 1}
        got = logs.get_log_events(logGroupName="/app", logStreamName="s", startFromHead=True)
        assert messages(got) == ["old ok", "new ok"]

    def test_expired_by_retention(self, logs: Any) -> None:
        """Events older than the group's retention are rejected as expired."""
        group_with_stream(logs)
        logs.put_retention_policy(logGroupName="/app", retentionInDays=1)
        out = put(
            logs,
            (NOW_MS - 15 * DAY_MS, "too old"),
            (NOW_MS - DAY_MS - 1, "expired"),
            (NOW_MS - DAY_MS, "kept"),
        )
        assert out["rejectedLogEventsInfo"] == {
            "tooOldLogEventEndIndex": 1,
            "expiredLogEventEndIndex": 2,
        }
        assert messages(logs.get_log_events(logGroupName="/app", logStreamName="s")) == ["kept"]

    def test_span_counts_accepted_events_only(self, logs: Any) -> None:
        """A too-old event does not count toward the 24-hour span."""
        group_with_stream(logs)
        out = put(logs, (NOW_MS - 20 * DAY_MS, "too old"), (NOW_MS, "kept"))
        assert out["rejectedLogEventsInfo"] == {"tooOldLogEventEndIndex": 1}


@pytest.fixture
def ten(logs: Any) -> Any:
    """A stream holding events "0" ... "9", one second apart, the last at NOW_MS - 1000."""
    group_with_stream(logs)
    put(logs, *[(NOW_MS - 10_000 + i * 1000, str(i)) for i in range(10)])
    return logs


class TestGetLogEvents:
    def test_default_reads_the_newest(self, ten: Any) -> None:
        """Without startFromHead, the last ``limit`` events come back, oldest first."""
        got = ten.get_log_events(logGroupName="/app", logStreamName="s", limit=3)
        assert messages(got) == ["7", "8", "9"]
        head = ten.get_log_events(
            logGroupName="/app", logStreamName="s", limit=3, startFromHead=True
        )
        assert messages(head) == ["0", "1", "2"]
        assert head["events"][0] == {
            "timestamp": NOW_MS - 10_000,
            "message": "0",
            "ingestionTime": NOW_MS,
        }

    def test_forward_pages_end_with_the_same_token(self, ten: Any) -> None:
        """Forward tokens page through; at the end the token passed in comes back."""
        seen: list[str] = []
        params: dict[str, Any] = {"logGroupName": "/app", "logStreamName": "s", "limit": 4}
        got = ten.get_log_events(startFromHead=True, **params)
        while got["events"]:
            seen += messages(got)
            token = got["nextForwardToken"]
            assert token.startswith("f/")
            got = ten.get_log_events(nextToken=token, **params)
        assert seen == [str(i) for i in range(10)]
        assert got["nextForwardToken"] == token

    def test_backward_pages(self, ten: Any) -> None:
        """Backward tokens walk to the start of the stream."""
        params: dict[str, Any] = {"logGroupName": "/app", "logStreamName": "s", "limit": 4}
        got = ten.get_log_events(**params)
        pages = [messages(got)]
        while True:
            got = ten.get_log_events(nextToken=got["nextBackwardToken"], **params)
            if not got["events"]:
                break
            pages.append(messages(got))
        assert pages == [["6", "7", "8", "9"], ["2", "3", "4", "5"], ["0", "1"]]

    def test_forward_token_sees_new_events(self, ten: Any) -> None:
        """A forward token held at the end returns events written since (tailing)."""
        params: dict[str, Any] = {"logGroupName": "/app", "logStreamName": "s"}
        end = ten.get_log_events(**params)["nextForwardToken"]
        put(ten, (NOW_MS, "new"))
        assert messages(ten.get_log_events(nextToken=end, **params)) == ["new"]

    def test_time_range(self, ten: Any) -> None:
        """startTime is inclusive, endTime exclusive."""
        got = ten.get_log_events(
            logGroupName="/app",
            logStreamName="s",
            startTime=NOW_MS - 8000,
            endTime=NOW_MS - 5000,
            startFromHead=True,
        )
        assert messages(got) == ["2", "3", "4"]

    def test_errors(self, ten: Any) -> None:
        """Unknown stream, bad token."""
        code, _ = refused(ten.get_log_events, logGroupName="/app", logStreamName="x")
        assert code == "ResourceNotFoundException"
        code, _ = refused(
            ten.get_log_events, logGroupName="/app", logStreamName="s", nextToken="f/123"
        )
        assert code == "InvalidParameterException"

    def test_empty_stream(self, logs: Any) -> None:
        """An empty stream answers no events and both tokens."""
        group_with_stream(logs)
        got = logs.get_log_events(logGroupName="/app", logStreamName="s")
        assert got["events"] == []
        assert got["nextForwardToken"].startswith("f/")
        assert got["nextBackwardToken"].startswith("b/")
        back = logs.get_log_events(
            logGroupName="/app", logStreamName="s", nextToken=got["nextBackwardToken"]
        )
        assert back["events"] == []
        put(logs, (NOW_MS, "later"))
        ahead = logs.get_log_events(
            logGroupName="/app", logStreamName="s", nextToken=back["nextForwardToken"]
        )
        assert messages(ahead) == ["later"]


class TestFilterLogEvents:
    def test_across_streams_by_time(self, logs: Any) -> None:
        """Events of every stream interleave by timestamp, with stream names and event ids."""
        logs.create_log_group(logGroupName="/app")
        for name in ("a", "b"):
            logs.create_log_stream(logGroupName="/app", logStreamName=name)
        put(logs, (NOW_MS - 3, "a1"), (NOW_MS - 1, "a2"), stream="a")
        put(logs, (NOW_MS - 2, "b1"), stream="b")
        got = logs.filter_log_events(logGroupName="/app")
        assert [(e["logStreamName"], e["message"]) for e in got["events"]] == [
            ("a", "a1"),
            ("b", "b1"),
            ("a", "a2"),
        ]
        ids = [e["eventId"] for e in got["events"]]
        assert len(set(ids)) == 3 and all(len(i) == 56 and i.isdigit() for i in ids)
        assert got["searchedLogStreams"] == []

    def test_stream_selection(self, logs: Any) -> None:
        """logStreamNames or logStreamNamePrefix, not both."""
        logs.create_log_group(logGroupName="/app")
        for name in ("web-1", "web-2", "worker"):
            logs.create_log_stream(logGroupName="/app", logStreamName=name)
            put(logs, (NOW_MS, name), stream=name)
        by_names = logs.filter_log_events(logGroupName="/app", logStreamNames=["worker"])
        assert messages(by_names) == ["worker"]
        by_prefix = logs.filter_log_events(logGroupName="/app", logStreamNamePrefix="web")
        assert messages(by_prefix) == ["web-1", "web-2"]
        code, _ = refused(
            logs.filter_log_events,
            logGroupName="/app",
            logStreamNames=["worker"],
            logStreamNamePrefix="web",
        )
        assert code == "InvalidParameterException"

    def test_missing_stream_name(self, logs: Any) -> None:
        """A logStreamNames entry that does not exist: ResourceNotFoundException."""
        group_with_stream(logs)
        assert refused(logs.filter_log_events, logGroupName="/app", logStreamNames=["s", "x"]) == (
            "ResourceNotFoundException",
            "The specified log stream does not exist.",
        )

    def test_time_range_both_inclusive(self, ten: Any) -> None:
        """FilterLogEvents' endTime is inclusive (GetLogEvents' is not)."""
        got = ten.filter_log_events(
            logGroupName="/app", startTime=NOW_MS - 8000, endTime=NOW_MS - 5000
        )
        assert messages(got) == ["2", "3", "4", "5"]

    def test_pages(self, ten: Any) -> None:
        """limit pages the matches; nextToken continues; the last page has no token."""
        seen: list[str] = []
        params: dict[str, Any] = {"logGroupName": "/app", "limit": 3}
        while True:
            got = ten.filter_log_events(**params)
            seen += messages(got)
            if "nextToken" not in got:
                break
            params["nextToken"] = got["nextToken"]
        assert seen == [str(i) for i in range(10)]
        pages = ten.get_paginator("filter_log_events").paginate(logGroupName="/app", limit=4)
        assert sum(len(p["events"]) for p in pages) == 10

    def test_newest_first(self, ten: Any) -> None:
        """startFromHead=False returns the newest events first, and its pages continue so."""
        got = ten.filter_log_events(logGroupName="/app", startFromHead=False, limit=3)
        assert messages(got) == ["9", "8", "7"]
        more = ten.filter_log_events(logGroupName="/app", nextToken=got["nextToken"], limit=3)
        assert messages(more) == ["6", "5", "4"]

    def test_patterns(self, logs: Any) -> None:
        """Terms, phrases, exclusions, alternatives and JSON patterns select events."""
        group_with_stream(logs)
        lines = [
            "ERROR db timeout",
            "WARN slow query",
            "INFO Task timed out after 3.00 seconds",
            '{"level": "ERROR", "latency": 250}',
            '{"level": "INFO", "latency": 20}',
        ]
        put(logs, *[(NOW_MS, line) for line in lines])

        def match(pattern: str) -> list[str]:
            return messages(logs.filter_log_events(logGroupName="/app", filterPattern=pattern))

        assert match("ERROR") == [lines[0], lines[3]]
        assert match('"Task timed out"') == [lines[2]]
        assert match("ERROR -timeout") == [lines[3]]
        assert match("?WARN ?timeout") == [lines[0], lines[1]]
        assert match('{ $.level = "ERROR" }') == [lines[3]]
        assert match("{ $.latency > 100 || $.level = INFO }") == [lines[3], lines[4]]
        assert match("") == lines

    def test_bad_pattern(self, ten: Any) -> None:
        """A pattern that does not parse: InvalidParameterException, for missing groups too."""
        for pattern in ('{ $.level = "ERROR" ', "{ $.a > x }", "a:b", '"open'):
            code, _ = refused(ten.filter_log_events, logGroupName="/app", filterPattern=pattern)
            assert code == "InvalidParameterException", pattern

    def test_missing_group(self, logs: Any) -> None:
        """An unknown group: ResourceNotFoundException."""
        code, _ = refused(logs.filter_log_events, logGroupName="/none")
        assert code == "ResourceNotFoundException"


class TestTestMetricFilter:
    def test_matches_numbered_from_one(self, logs: Any) -> None:
        """TestMetricFilter numbers the matching messages from 1."""
        got = logs.test_metric_filter(filterPattern="ERROR", logEventMessages=["ok", "ERROR x"])
        assert got["matches"] == [
            {"eventNumber": 2, "eventMessage": "ERROR x", "extractedValues": {}}
        ]


class TestSnapshot:
    def test_restore_brings_back_events(self, cloud: Cloud, logs: Any) -> None:
        """A restored snapshot has the events and groups it was taken with."""
        group_with_stream(logs)
        put(logs, (NOW_MS, "before"))
        snap = cloud.snapshot()
        put(logs, (NOW_MS, "after"))
        logs.create_log_group(logGroupName="/other")
        cloud.restore(snap)
        assert messages(logs.get_log_events(logGroupName="/app", logStreamName="s")) == ["before"]
        names = [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]
        assert names == ["/app"]


class TestAnswerSize:
    def test_one_megabyte_per_answer(self, logs: Any) -> None:
        """GetLogEvents and FilterLogEvents stop at 1 MB of events (messages + 26 bytes
        each); the rest comes with the next token."""
        group_with_stream(logs)
        big = "x" * (262_144 - 26)  # four of these are exactly 1 MB
        for _ in range(5):
            put(logs, (NOW_MS, big))
        got = logs.get_log_events(logGroupName="/app", logStreamName="s", startFromHead=True)
        assert len(got["events"]) == 4
        rest = logs.get_log_events(
            logGroupName="/app", logStreamName="s", nextToken=got["nextForwardToken"]
        )
        assert len(rest["events"]) == 1
        found = logs.filter_log_events(logGroupName="/app")
        assert len(found["events"]) == 4
        more = logs.filter_log_events(logGroupName="/app", nextToken=found["nextToken"])
        assert len(more["events"]) == 1
        assert "nextToken" not in more
