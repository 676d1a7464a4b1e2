"""Log groups, log streams and tags through boto3 on the bridge: each operation and its errors."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from pyserverless import Cloud

from .conftest import NOW_MS, group_with_stream, put, refused

ARN = "arn:aws:logs:us-east-1:123456789012:log-group:"


class TestCreateLogGroup:
    def test_created_and_described(self, logs: Any) -> None:
        """A new group is described with its ARNs, class and the clock's creation time."""
        logs.create_log_group(logGroupName="/app", logGroupClass="INFREQUENT_ACCESS")
        (group,) = logs.describe_log_groups()["logGroups"]
        assert group == {
            "logGroupName": "/app",
            "creationTime": NOW_MS,
            "metricFilterCount": 0,
            "arn": ARN + "/app:*",
            "storedBytes": 0,
            "logGroupClass": "INFREQUENT_ACCESS",
            "logGroupArn": ARN + "/app",
            "deletionProtectionEnabled": False,
        }

    def test_name_in_use(self, logs: Any) -> None:
        """A second group of the same name: ResourceAlreadyExistsException."""
        logs.create_log_group(logGroupName="/app")
        code, message = refused(logs.create_log_group, logGroupName="/app")
        assert (code, message) == (
            "ResourceAlreadyExistsException",
            "The specified log group already exists",
        )

    def test_name_pattern(self, logs: Any) -> None:
        """Names keep to the model's characters (botocore refuses the rest client-side)."""
        logs.create_log_group(logGroupName="a.b-c_d/e#F9")
        with pytest.raises(ParamValidationError):
            logs.create_log_group(logGroupName="")
        code, message = refused(logs.create_log_group, logGroupName="bad name")
        assert code == "InvalidParameterException"
        assert message == (
            "1 validation error detected: Value 'bad name' at 'logGroupName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+"
        )

    def test_tags_limit_both_sides(self, logs: Any) -> None:
        """50 tags are accepted at creation; 51 are not."""
        fifty = {f"k{i}": "v" for i in range(50)}
        logs.create_log_group(logGroupName="/ok", tags=fifty)
        assert logs.list_tags_log_group(logGroupName="/ok")["tags"] == fifty
        code, message = refused(logs.create_log_group, logGroupName="/no", tags={**fifty, "x": "y"})
        assert code == "InvalidParameterException"
        assert message.endswith("Member must have length less than or equal to 50")


class TestDeleteLogGroup:
    def test_deleted_with_streams(self, logs: Any) -> None:
        """Deleting a group removes it and its streams; a second delete is not found."""
        group_with_stream(logs)
        logs.delete_log_group(logGroupName="/app")
        assert logs.describe_log_groups()["logGroups"] == []
        assert refused(logs.delete_log_group, logGroupName="/app") == (
            "ResourceNotFoundException",
            "The specified log group does not exist.",
        )

    def test_deletion_protection(self, logs: Any) -> None:
        """A protected group is refused deletion until protection is turned off."""
        logs.create_log_group(logGroupName="/keep", deletionProtectionEnabled=True)
        code, _ = refused(logs.delete_log_group, logGroupName="/keep")
        assert code == "ValidationException"
        logs.put_log_group_deletion_protection(
            logGroupIdentifier=ARN + "/keep", deletionProtectionEnabled=False
        )
        logs.delete_log_group(logGroupName="/keep")


class TestDescribeLogGroups:
    def test_prefix_pattern_identifiers(self, logs: Any) -> None:
        """Prefix: the start; pattern: a case-sensitive substring; identifiers: names or ARNs."""
        for name in ("/aws/lambda/a", "/aws/lambda/b", "/app/DataLogs", "/app/datalogs"):
            logs.create_log_group(logGroupName=name)

        def names(**params: Any) -> list[str]:
            return [g["logGroupName"] for g in logs.describe_log_groups(**params)["logGroups"]]

        assert names(logGroupNamePrefix="/aws/lambda/") == ["/aws/lambda/a", "/aws/lambda/b"]
        assert names(logGroupNamePattern="DataLogs") == ["/app/DataLogs"]
        assert names(logGroupIdentifiers=["/aws/lambda/b", ARN + "/app/datalogs"]) == [
            "/app/datalogs",
            "/aws/lambda/b",
        ]

    def test_pattern_answers_without_bytes_or_protection(self, logs: Any) -> None:
        """With logGroupNamePattern AWS leaves out storedBytes and deletionProtectionEnabled
        (captured from AWS in 2026; the API reference still says three fields)."""
        logs.create_log_group(logGroupName="/app")
        (group,) = logs.describe_log_groups(logGroupNamePattern="app")["logGroups"]
        assert set(group) == {
            "arn",
            "creationTime",
            "logGroupName",
            "logGroupArn",
            "logGroupClass",
            "metricFilterCount",
        }

    def test_prefix_and_pattern_exclusive(self, logs: Any) -> None:
        """Prefix and pattern together: InvalidParameterException."""
        code, _ = refused(logs.describe_log_groups, logGroupNamePrefix="a", logGroupNamePattern="b")
        assert code == "InvalidParameterException"

    def test_pages_of_fifty(self, logs: Any) -> None:
        """51 groups: a page of 50 and a token, then the last one; limit pages smaller."""
        for i in range(51):
            logs.create_log_group(logGroupName=f"/g/{i:02d}")
        first = logs.describe_log_groups()
        assert len(first["logGroups"]) == 50
        second = logs.describe_log_groups(nextToken=first["nextToken"])
        assert [g["logGroupName"] for g in second["logGroups"]] == ["/g/50"]
        assert "nextToken" not in second
        paged = logs.get_paginator("describe_log_groups").paginate(limit=7)
        assert sum(len(p["logGroups"]) for p in paged) == 51
        code, _ = refused(logs.describe_log_groups, limit=51)
        assert code == "InvalidParameterException"

    def test_bad_token(self, logs: Any) -> None:
        """A token this service did not hand out is refused."""
        code, _ = refused(logs.describe_log_groups, nextToken="nonsense")
        assert code == "InvalidParameterException"


class TestLogStreams:
    def test_create_describe_delete(self, logs: Any) -> None:
        """A stream is made empty, described with its ARN, then deleted."""
        group_with_stream(logs)
        (stream,) = logs.describe_log_streams(logGroupName="/app")["logStreams"]
        assert stream["logStreamName"] == "s"
        assert stream["creationTime"] == NOW_MS
        assert stream["arn"] == ARN + "/app:log-stream:s"
        assert stream["storedBytes"] == 0
        assert "firstEventTimestamp" not in stream
        logs.delete_log_stream(logGroupName="/app", logStreamName="s")
        assert logs.describe_log_streams(logGroupName="/app")["logStreams"] == []

    def test_errors(self, logs: Any) -> None:
        """Missing group, stream in use, missing stream."""
        assert refused(logs.create_log_stream, logGroupName="/no", logStreamName="s") == (
            "ResourceNotFoundException",
            "The specified log group does not exist.",
        )
        group_with_stream(logs)
        assert refused(logs.create_log_stream, logGroupName="/app", logStreamName="s") == (
            "ResourceAlreadyExistsException",
            "The specified log stream already exists",
        )
        assert refused(logs.delete_log_stream, logGroupName="/app", logStreamName="x") == (
            "ResourceNotFoundException",
            "The specified log stream does not exist.",
        )
        code, _ = refused(logs.create_log_stream, logGroupName="/app", logStreamName="a:b")
        assert code == "InvalidParameterException"  # ':' and '*' are not allowed in a name

    def test_stored_bytes(self, logs: Any) -> None:
        """A group's storedBytes counts its messages in UTF-8; a stream's is always 0."""
        group_with_stream(logs)
        put(logs, (NOW_MS, "é"), (NOW_MS, "abc"))
        (group,) = logs.describe_log_groups()["logGroups"]
        assert group["storedBytes"] == 5
        (stream,) = logs.describe_log_streams(logGroupName="/app")["logStreams"]
        assert stream["storedBytes"] == 0

    def test_event_times(self, logs: Any) -> None:
        """First and last event timestamps and the last ingestion time are described."""
        group_with_stream(logs)
        put(logs, (NOW_MS - 5000, "a"), (NOW_MS - 1000, "b"))
        (stream,) = logs.describe_log_streams(logGroupName="/app")["logStreams"]
        assert stream["firstEventTimestamp"] == NOW_MS - 5000
        assert stream["lastEventTimestamp"] == NOW_MS - 1000
        assert stream["lastIngestionTime"] == NOW_MS

    def test_order_by_last_event_time(self, cloud: Cloud, logs: Any) -> None:
        """orderBy LastEventTime sorts by the last event, descending reverses."""
        logs.create_log_group(logGroupName="/app")
        for name, age in (("a", 3), ("b", 1), ("c", 2)):
            logs.create_log_stream(logGroupName="/app", logStreamName=name)
            put(logs, (NOW_MS - age * 1000, "x"), stream=name)

        def order(**params: Any) -> list[str]:
            got = logs.describe_log_streams(logGroupName="/app", **params)["logStreams"]
            return [s["logStreamName"] for s in got]

        assert order() == ["a", "b", "c"]
        assert order(descending=True) == ["c", "b", "a"]
        assert order(orderBy="LastEventTime") == ["a", "c", "b"]
        assert order(orderBy="LastEventTime", descending=True) == ["b", "c", "a"]

    def test_prefix_rules(self, logs: Any) -> None:
        """A prefix filters by name; with orderBy LastEventTime it is refused."""
        logs.create_log_group(logGroupName="/app")
        for name in ("2024/03/25/[$LATEST]a", "2024/03/25/[$LATEST]b", "other"):
            logs.create_log_stream(logGroupName="/app", logStreamName=name)
        got = logs.describe_log_streams(logGroupName="/app", logStreamNamePrefix="2024/")
        assert len(got["logStreams"]) == 2
        code, message = refused(
            logs.describe_log_streams,
            logGroupName="/app",
            logStreamNamePrefix="2024/",
            orderBy="LastEventTime",
        )
        assert code == "InvalidParameterException"
        assert "LastEventTime" in message

    def test_identifier_forms(self, logs: Any) -> None:
        """logGroupIdentifier takes a name or an ARN (without ``:*``, which the model's
        pattern refuses); both it and logGroupName is refused."""
        group_with_stream(logs)
        code, _ = refused(logs.describe_log_streams, logGroupIdentifier=ARN + "/app:*")
        assert code == "InvalidParameterException"
        for ident in ("/app", ARN + "/app"):
            got = logs.describe_log_streams(logGroupIdentifier=ident)["logStreams"]
            assert [s["logStreamName"] for s in got] == ["s"]
        code, _ = refused(logs.describe_log_streams, logGroupName="/app", logGroupIdentifier="/app")
        assert code == "ValidationException"

    def test_pages(self, logs: Any) -> None:
        """51 streams come in pages of 50."""
        logs.create_log_group(logGroupName="/app")
        for i in range(51):
            logs.create_log_stream(logGroupName="/app", logStreamName=f"s{i:02d}")
        first = logs.describe_log_streams(logGroupName="/app")
        assert len(first["logStreams"]) == 50
        # A stream made between pages, before the last name sent, does not shift the pages.
        logs.create_log_stream(logGroupName="/app", logStreamName="s00a")
        rest = logs.describe_log_streams(logGroupName="/app", nextToken=first["nextToken"])
        assert [s["logStreamName"] for s in rest["logStreams"]] == ["s50"]
        down = logs.describe_log_streams(logGroupName="/app", descending=True, limit=50)
        more = logs.describe_log_streams(
            logGroupName="/app", descending=True, nextToken=down["nextToken"]
        )
        assert [s["logStreamName"] for s in more["logStreams"]] == ["s00a", "s00"]
        by_time = logs.describe_log_streams(logGroupName="/app", orderBy="LastEventTime")
        again = logs.describe_log_streams(
            logGroupName="/app", orderBy="LastEventTime", nextToken=by_time["nextToken"]
        )
        assert len(by_time["logStreams"]) + len(again["logStreams"]) == 52
        code, _ = refused(
            logs.describe_log_streams, logGroupName="/app", nextToken=by_time["nextToken"]
        )
        assert code == "InvalidParameterException"  # a time-order token for a name order


class TestTags:
    def test_tag_resource_family(self, logs: Any) -> None:
        """TagResource, ListTagsForResource and UntagResource on the group's ARN."""
        logs.create_log_group(logGroupName="/app", tags={"a": "1"})
        logs.tag_resource(resourceArn=ARN + "/app", tags={"b": "2"})
        assert logs.list_tags_for_resource(resourceArn=ARN + "/app")["tags"] == {
            "a": "1",
            "b": "2",
        }
        logs.untag_resource(resourceArn=ARN + "/app", tagKeys=["a"])
        assert logs.list_tags_for_resource(resourceArn=ARN + "/app")["tags"] == {"b": "2"}
        code, _ = refused(logs.list_tags_for_resource, resourceArn=ARN + "/none")
        assert code == "ResourceNotFoundException"

    def test_tag_log_group_family(self, logs: Any) -> None:
        """The older TagLogGroup, ListTagsLogGroup and UntagLogGroup."""
        logs.create_log_group(logGroupName="/app")
        logs.tag_log_group(logGroupName="/app", tags={"a": "1", "b": "2"})
        logs.untag_log_group(logGroupName="/app", tags=["b"])
        assert logs.list_tags_log_group(logGroupName="/app")["tags"] == {"a": "1"}
        code, _ = refused(logs.tag_log_group, logGroupName="/none", tags={"a": "1"})
        assert code == "ResourceNotFoundException"

    def test_fifty_tags_in_all(self, logs: Any) -> None:
        """Tags added later count with those there: 50 in all accepted, 51 refused."""
        logs.create_log_group(logGroupName="/app", tags={f"k{i}": "v" for i in range(49)})
        logs.tag_resource(resourceArn=ARN + "/app", tags={"k49": "v"})
        code, _ = refused(logs.tag_resource, resourceArn=ARN + "/app", tags={"k50": "v"})
        assert code == "TooManyTagsException"
        assert len(logs.list_tags_log_group(logGroupName="/app")["tags"]) == 50


class TestRetention:
    def test_allowed_values(self, logs: Any) -> None:
        """Each documented value is accepted and described; 2 is refused with the list."""
        logs.create_log_group(logGroupName="/app")
        for days in (1, 3653):
            logs.put_retention_policy(logGroupName="/app", retentionInDays=days)
            (group,) = logs.describe_log_groups()["logGroups"]
            assert group["retentionInDays"] == days
        code, message = refused(logs.put_retention_policy, logGroupName="/app", retentionInDays=2)
        assert code == "InvalidParameterException"
        assert message.startswith("1 validation error detected: Value '2' at 'retentionInDays'")
        logs.delete_retention_policy(logGroupName="/app")
        assert "retentionInDays" not in logs.describe_log_groups()["logGroups"][0]

    def test_missing_group(self, logs: Any) -> None:
        """Retention on a missing group: ResourceNotFoundException."""
        code, _ = refused(logs.put_retention_policy, logGroupName="/no", retentionInDays=1)
        assert code == "ResourceNotFoundException"
        code, _ = refused(logs.delete_retention_policy, logGroupName="/no")
        assert code == "ResourceNotFoundException"

    def test_expired_events_swept_on_the_clock(self, cloud: Cloud, logs: Any) -> None:
        """Events older than the retention go at the next sweep, younger ones stay."""
        group_with_stream(logs)
        put(logs, (NOW_MS - 2000, "old"), (NOW_MS, "new"))
        logs.put_retention_policy(logGroupName="/app", retentionInDays=1)
        cloud.advance(86_400 - 1)  # "old" is one second short of a day past its retention
        got = logs.get_log_events(logGroupName="/app", logStreamName="s", startFromHead=True)
        assert [e["message"] for e in got["events"]] == ["old", "new"]
        cloud.advance(3600)  # the hourly sweep after "old" expired; "new" is still in time
        got = logs.get_log_events(logGroupName="/app", logStreamName="s", startFromHead=True)
        assert [e["message"] for e in got["events"]] == ["new"]
        (group,) = logs.describe_log_groups()["logGroups"]
        assert group["storedBytes"] == len("new")

    def test_deleted_policy_keeps_events(self, cloud: Cloud, logs: Any) -> None:
        """With the policy removed, nothing expires."""
        group_with_stream(logs)
        put(logs, (NOW_MS, "kept"))
        logs.put_retention_policy(logGroupName="/app", retentionInDays=1)
        logs.delete_retention_policy(logGroupName="/app")
        cloud.advance(3 * 86_400)
        got = logs.get_log_events(logGroupName="/app", logStreamName="s")
        assert [e["message"] for e in got["events"]] == ["kept"]


class TestListLogGroups:
    def test_patterns_classes_tags(self, logs: Any) -> None:
        """Alternatives by |, prefixes by ^, substrings otherwise; class and tag filters."""
        logs.create_log_group(logGroupName="/aws/lambda/a", tags={"team": "x"})
        logs.create_log_group(logGroupName="/aws/lambda/b", tags={"team": "y"})
        logs.create_log_group(logGroupName="/app/discovery", logGroupClass="INFREQUENT_ACCESS")

        def names(**params: Any) -> list[str]:
            return [g["logGroupName"] for g in logs.list_log_groups(**params)["logGroups"]]

        assert names(logGroupNamePattern="^/aws/lambda|discovery") == [
            "/app/discovery",
            "/aws/lambda/a",
            "/aws/lambda/b",
        ]
        assert names(logGroupNamePattern="^lambda") == []
        assert names(logGroupNamePattern="lambda/b") == ["/aws/lambda/b"]
        assert names(logGroupClass="INFREQUENT_ACCESS") == ["/app/discovery"]
        assert names(logGroupTags=[{"key": "team"}]) == ["/aws/lambda/a", "/aws/lambda/b"]
        assert names(logGroupTags=[{"key": "team", "values": ["y"]}]) == ["/aws/lambda/b"]
        assert names(dataSources=[{"name": "x"}]) == []
        (summary,) = logs.list_log_groups(logGroupNamePattern="^/app")["logGroups"]
        assert summary == {
            "logGroupName": "/app/discovery",
            "logGroupArn": ARN + "/app/discovery",
            "logGroupClass": "INFREQUENT_ACCESS",
        }

    def test_pages(self, logs: Any) -> None:
        """limit pages; the default page is 50; over 1,000 is refused."""
        for i in range(51):
            logs.create_log_group(logGroupName=f"/g/{i:02d}")
        first = logs.list_log_groups()
        assert len(first["logGroups"]) == 50
        rest = logs.list_log_groups(nextToken=first["nextToken"])
        assert [g["logGroupName"] for g in rest["logGroups"]] == ["/g/50"]
        assert len(logs.list_log_groups(limit=1000)["logGroups"]) == 51
        code, _ = refused(logs.list_log_groups, limit=1001)
        assert code == "InvalidParameterException"
