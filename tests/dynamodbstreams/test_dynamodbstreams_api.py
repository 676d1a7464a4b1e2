"""The dynamodbstreams client: ListStreams, DescribeStream, GetShardIterator and
GetRecords, their paging, limits (both sides), iterator types and expiry, trimming,
and AWS's errors."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock, ParamValidationError


def new_cloud(**dynamodb: Any) -> Cloud:
    return Cloud(clock=ManualClock(), seed=0, limits={"dynamodb": dynamodb} if dynamodb else None)


def make(cloud: Cloud, name: str = "tbl", view: str = "NEW_AND_OLD_IMAGES") -> str:
    """A table with a stream; its stream ARN."""
    d = cloud.client("dynamodb").create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "Id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "Id", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": view},
    )
    arn: str = d["TableDescription"]["LatestStreamArn"]
    return arn


def put(cloud: Cloud, n: int, name: str = "tbl", **attrs: Any) -> None:
    cloud.dynamo.table(name).put_item(Item={"Id": n, **attrs})


def only_shard(cloud: Cloud, arn: str) -> str:
    shards = cloud.client("dynamodbstreams").describe_stream(StreamArn=arn)["StreamDescription"]
    shard_id: str = shards["Shards"][-1]["ShardId"]
    return shard_id


def iterator(cloud: Cloud, arn: str, kind: str, **extra: Any) -> str:
    found: str = cloud.client("dynamodbstreams").get_shard_iterator(
        StreamArn=arn, ShardId=only_shard(cloud, arn), ShardIteratorType=kind, **extra
    )["ShardIterator"]
    return found


def ids(page: dict[str, Any]) -> list[int]:
    return [int(r["dynamodb"]["Keys"]["Id"]["N"]) for r in page["Records"]]


@pytest.fixture
def cloud() -> Cloud:
    return new_cloud()


@pytest.fixture
def streams(cloud: Cloud) -> Any:
    return cloud.client("dynamodbstreams")


class TestListStreams:
    def test_filters_by_table_and_pages(self, cloud: Cloud, streams: Any) -> None:
        """TableName keeps one table's streams; Limit and ExclusiveStartStreamArn page."""
        arns = sorted(make(cloud, f"tab{n}") for n in range(3))
        assert [s["StreamArn"] for s in streams.list_streams()["Streams"]] == arns
        assert [s["TableName"] for s in streams.list_streams(TableName="tab1")["Streams"]] == [
            "tab1"
        ]
        assert streams.list_streams(TableName="nothing")["Streams"] == []
        page = streams.list_streams(Limit=2)
        assert [s["StreamArn"] for s in page["Streams"]] == arns[:2]
        assert page["LastEvaluatedStreamArn"] == arns[1]
        rest = streams.list_streams(Limit=2, ExclusiveStartStreamArn=page["LastEvaluatedStreamArn"])
        assert [s["StreamArn"] for s in rest["Streams"]] == arns[2:]
        assert "LastEvaluatedStreamArn" not in rest

    def test_limit_bounds(self, cloud: Cloud, streams: Any) -> None:
        """Limit 1 and 100 pass; 101 is AWS's ValidationException; 0 is refused by the model."""
        streams.list_streams(Limit=1)
        streams.list_streams(Limit=100)
        with pytest.raises(streams.exceptions.ValidationException) as err:
            streams.list_streams(Limit=101)
        assert err.value.response["Error"]["Message"] == (
            "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
            "Member must have value less than or equal to 100"
        )
        with pytest.raises(ParamValidationError):
            streams.list_streams(Limit=0)

    def test_a_malformed_start_arn_is_refused(self, streams: Any) -> None:
        """ExclusiveStartStreamArn that is not a stream ARN: ValidationException."""
        with pytest.raises(streams.exceptions.ValidationException, match="Invalid StreamArn"):
            streams.list_streams(
                ExclusiveStartStreamArn="kossaapaaasdafsdaasdasdasdasasdasfadfadfa"
            )


class TestDescribeStream:
    def test_description(self, cloud: Cloud, streams: Any) -> None:
        """Every member: ARN, label, status, view type, creation time, table, key schema, shards."""
        arn = make(cloud, view="KEYS_ONLY")
        d = streams.describe_stream(StreamArn=arn)["StreamDescription"]
        assert set(d) == {
            "StreamArn", "StreamLabel", "StreamStatus", "StreamViewType",
            "CreationRequestDateTime", "TableName", "KeySchema", "Shards",
        }  # fmt: skip
        assert d["StreamArn"] == arn
        assert arn.endswith("/stream/" + d["StreamLabel"])
        assert d["StreamStatus"] == "ENABLED"
        assert d["StreamViewType"] == "KEYS_ONLY"
        assert d["CreationRequestDateTime"] == cloud.now()
        assert d["TableName"] == "tbl"
        assert d["KeySchema"] == [{"AttributeName": "Id", "KeyType": "HASH"}]
        (shard,) = d["Shards"]
        assert 28 <= len(shard["ShardId"]) <= 65
        assert shard["ShardId"].startswith("shardId-")
        assert set(shard["SequenceNumberRange"]) == {"StartingSequenceNumber"}
        assert "ParentShardId" not in shard

    def test_shards_page_by_id(self, cloud: Cloud, streams: Any) -> None:
        """Limit and ExclusiveStartShardId page through the shards in id order."""
        arn = make(cloud)
        cloud.advance(4 * 3600 * 4)
        every = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        ids_ = [s["ShardId"] for s in every]
        assert len(ids_) == 5
        assert ids_ == sorted(ids_)
        page = streams.describe_stream(StreamArn=arn, Limit=2)["StreamDescription"]
        assert [s["ShardId"] for s in page["Shards"]] == ids_[:2]
        assert page["LastEvaluatedShardId"] == ids_[1]
        seen = list(ids_[:2])
        while "LastEvaluatedShardId" in page:
            page = streams.describe_stream(
                StreamArn=arn, Limit=2, ExclusiveStartShardId=page["LastEvaluatedShardId"]
            )["StreamDescription"]
            seen += [s["ShardId"] for s in page["Shards"]]
        assert seen == ids_
        last = streams.describe_stream(StreamArn=arn, ExclusiveStartShardId=ids_[-1])
        assert last["StreamDescription"]["Shards"] == []
        assert (
            "LastEvaluatedShardId"
            not in streams.describe_stream(StreamArn=arn, Limit=5)["StreamDescription"]
        )

    def test_child_shards_filter(self, cloud: Cloud, streams: Any) -> None:
        """ShardFilter CHILD_SHARDS lists the children of one shard."""
        arn = make(cloud)
        cloud.advance(8 * 3600)
        first, second, _ = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        found = streams.describe_stream(
            StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": first["ShardId"]}
        )["StreamDescription"]["Shards"]
        assert found == [second]

    def test_limit_bounds(self, cloud: Cloud, streams: Any) -> None:
        """Limit 100 passes, 101 is refused."""
        arn = make(cloud)
        streams.describe_stream(StreamArn=arn, Limit=100)
        with pytest.raises(
            streams.exceptions.ValidationException, match="less than or equal to 100"
        ):
            streams.describe_stream(StreamArn=arn, Limit=101)

    def test_errors(self, cloud: Cloud, streams: Any) -> None:
        """A malformed ARN is ValidationException; a well-formed unknown one, not found."""
        arn = make(cloud)
        with pytest.raises(streams.exceptions.ValidationException, match=r"Invalid StreamArn$"):
            streams.describe_stream(StreamArn="sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasd")
        unknown = arn.replace("table/tbl/", "table/other/")
        with pytest.raises(streams.exceptions.ResourceNotFoundException) as err:
            streams.describe_stream(StreamArn=unknown)
        assert err.value.response["Error"]["Message"] == (
            f"Requested resource not found: Stream: {unknown} not found"
        )


class TestGetShardIterator:
    def test_iterator_types(self, cloud: Cloud, streams: Any) -> None:
        """TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER start where they say."""
        arn = make(cloud)
        for n in range(3):
            put(cloud, n)
        page = streams.get_records(ShardIterator=iterator(cloud, arn, "TRIM_HORIZON"))
        assert ids(page) == [0, 1, 2]
        second = page["Records"][1]["dynamodb"]["SequenceNumber"]
        at = streams.get_records(
            ShardIterator=iterator(cloud, arn, "AT_SEQUENCE_NUMBER", SequenceNumber=second)
        )
        assert ids(at) == [1, 2]
        after = streams.get_records(
            ShardIterator=iterator(cloud, arn, "AFTER_SEQUENCE_NUMBER", SequenceNumber=second)
        )
        assert ids(after) == [2]
        latest = iterator(cloud, arn, "LATEST")
        put(cloud, 3)
        assert ids(streams.get_records(ShardIterator=latest)) == [3]

    def test_at_timestamp(self, cloud: Cloud, streams: Any) -> None:
        """AT_TIMESTAMP starts at the first record written at or after the time."""
        arn = make(cloud)
        put(cloud, 0)
        cloud.advance(10)
        mark = cloud.now()
        put(cloud, 1)
        it = iterator(cloud, arn, "AT_TIMESTAMP", Timestamp=mark)
        assert ids(streams.get_records(ShardIterator=it)) == [1]

    def test_at_timestamp_takes_botocore_forms(self, cloud: Cloud, streams: Any) -> None:
        """Timestamp as a datetime, epoch seconds or ISO 8601 text reaches the same record."""
        arn = make(cloud)
        cloud.advance(10)
        put(cloud, 1)
        moment = cloud.now()
        for form in (moment, moment.timestamp(), moment.isoformat().replace("+00:00", "Z")):
            it = iterator(cloud, arn, "AT_TIMESTAMP", Timestamp=form)
            assert ids(streams.get_records(ShardIterator=it)) == [1]
        later = iterator(cloud, arn, "AT_TIMESTAMP", Timestamp=moment.timestamp() + 1)
        assert ids(streams.get_records(ShardIterator=later)) == []

    def test_starting_sequence_number_reads_everything(self, cloud: Cloud, streams: Any) -> None:
        """AT_SEQUENCE_NUMBER with the shard's StartingSequenceNumber, even before any write."""
        arn = make(cloud)
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
        start = shard["SequenceNumberRange"]["StartingSequenceNumber"]
        it = iterator(cloud, arn, "AT_SEQUENCE_NUMBER", SequenceNumber=start)
        put(cloud, 5)
        assert ids(streams.get_records(ShardIterator=it)) == [5]

    @pytest.mark.parametrize(
        ("kind", "extra", "text"),
        [
            ("AT_SEQUENCE_NUMBER", {}, "SequenceNumber is required"),
            ("AFTER_SEQUENCE_NUMBER", {}, "SequenceNumber is required"),
            ("LATEST", {"SequenceNumber": "1" * 21}, "SequenceNumber is not allowed"),
            ("TRIM_HORIZON", {"SequenceNumber": "1" * 21}, "SequenceNumber is not allowed"),
            (
                "AT_SEQUENCE_NUMBER",
                {"SequenceNumber": "sdfsafglldfngjdafnasdflgn"},
                "Invalid SequenceNumber",
            ),
            ("AT_SEQUENCE_NUMBER", {"SequenceNumber": "1" * 21}, "not within the shard"),
            ("AT_TIMESTAMP", {}, "Timestamp is required"),
            ("bulle", {}, "enum value set"),
        ],
    )
    def test_validation(
        self, cloud: Cloud, streams: Any, kind: str, extra: dict[str, Any], text: str
    ) -> None:
        """Bad combinations of type, number and time are ValidationException."""
        arn = make(cloud)
        with pytest.raises(streams.exceptions.ValidationException, match=text):
            streams.get_shard_iterator(
                StreamArn=arn, ShardId=only_shard(cloud, arn), ShardIteratorType=kind, **extra
            )

    def test_not_found(self, cloud: Cloud, streams: Any) -> None:
        """An unknown shard, or a stream that does not exist: ResourceNotFoundException."""
        arn = make(cloud)
        with pytest.raises(
            streams.exceptions.ResourceNotFoundException, match="Shard does not exist"
        ):
            streams.get_shard_iterator(
                StreamArn=arn, ShardId="shardId-" + "0" * 30, ShardIteratorType="LATEST"
            )
        with pytest.raises(
            streams.exceptions.ResourceNotFoundException, match=r"Stream: .* not found"
        ):
            streams.get_shard_iterator(
                StreamArn=arn.replace("tbl", "zzz"),
                ShardId=only_shard(cloud, arn),
                ShardIteratorType="LATEST",
            )

    def test_shard_id_length_bounds(self, cloud: Cloud, streams: Any) -> None:
        """A ShardId of 65 characters is looked up (not found); 66 is a constraint error;
        27 is refused by the model before sending."""
        arn = make(cloud)
        with pytest.raises(streams.exceptions.ResourceNotFoundException):
            streams.get_shard_iterator(StreamArn=arn, ShardId="s" * 65, ShardIteratorType="LATEST")
        with pytest.raises(streams.exceptions.ValidationException) as err:
            streams.get_shard_iterator(StreamArn=arn, ShardId="s" * 66, ShardIteratorType="LATEST")
        assert "Member must have length less than or equal to 65" in str(err.value)
        with pytest.raises(ParamValidationError):
            streams.get_shard_iterator(StreamArn=arn, ShardId="s" * 27, ShardIteratorType="LATEST")

    def test_a_trimmed_sequence_number(self) -> None:
        """AT_SEQUENCE_NUMBER of a record past retention: TrimmedDataAccessException."""
        cloud = new_cloud(stream_shard_seconds=0.0)
        streams = cloud.client("dynamodbstreams")
        arn = make(cloud)
        put(cloud, 1)
        seq = streams.get_records(ShardIterator=iterator(cloud, arn, "TRIM_HORIZON"))["Records"][0]
        number = seq["dynamodb"]["SequenceNumber"]
        cloud.advance(86400 - 1)
        iterator(cloud, arn, "AT_SEQUENCE_NUMBER", SequenceNumber=number)
        cloud.advance(1)
        with pytest.raises(streams.exceptions.TrimmedDataAccessException) as err:
            iterator(cloud, arn, "AT_SEQUENCE_NUMBER", SequenceNumber=number)
        assert (
            err.value.response["Error"]["Message"]
            == "The data you are trying to access has been trimmed."
        )


class TestGetRecords:
    def test_limit(self, cloud: Cloud, streams: Any) -> None:
        """Limit caps a page; the next iterator carries on; 1,000 passes and 1,001 is refused."""
        arn = make(cloud)
        for n in range(5):
            put(cloud, n)
        page = streams.get_records(ShardIterator=iterator(cloud, arn, "TRIM_HORIZON"), Limit=2)
        assert ids(page) == [0, 1]
        page = streams.get_records(ShardIterator=page["NextShardIterator"], Limit=1000)
        assert ids(page) == [2, 3, 4]
        with pytest.raises(
            streams.exceptions.ValidationException, match="less than or equal to 1000"
        ):
            streams.get_records(ShardIterator=page["NextShardIterator"], Limit=1001)

    def test_at_most_1000_records(self, cloud: Cloud, streams: Any) -> None:
        """Without Limit a page stops at 1,000 records."""
        arn = make(cloud, view="KEYS_ONLY")
        for n in range(1001):
            put(cloud, n)
        page = streams.get_records(ShardIterator=iterator(cloud, arn, "TRIM_HORIZON"))
        assert len(page["Records"]) == 1000
        assert ids(streams.get_records(ShardIterator=page["NextShardIterator"])) == [1000]

    def test_at_most_1_mb(self, cloud: Cloud, streams: Any) -> None:
        """A page stops before its records' SizeBytes pass 1 MB."""
        arn = make(cloud, view="NEW_IMAGE")
        blob = "x" * (300 * 1024)
        for n in range(5):
            put(cloud, n, data=blob)
        page = streams.get_records(ShardIterator=iterator(cloud, arn, "TRIM_HORIZON"))
        sizes = [r["dynamodb"]["SizeBytes"] for r in page["Records"]]
        assert len(sizes) == 3
        assert sum(sizes) <= 1024 * 1024 < sum(sizes) + sizes[0]
        assert ids(streams.get_records(ShardIterator=page["NextShardIterator"])) == [3, 4]

    def test_an_empty_open_shard_keeps_an_iterator(self, cloud: Cloud, streams: Any) -> None:
        """Nothing to read on an open shard: no records, and a next iterator."""
        arn = make(cloud)
        page = streams.get_records(ShardIterator=iterator(cloud, arn, "LATEST"))
        assert page["Records"] == []
        assert "NextShardIterator" in page

    def test_iterators_expire_after_15_minutes(self, cloud: Cloud, streams: Any) -> None:
        """An iterator works 15 minutes less a second after it was issued; at 15 minutes
        it is ExpiredIteratorException. A NextShardIterator is fresh."""
        arn = make(cloud)
        first = iterator(cloud, arn, "TRIM_HORIZON")
        cloud.advance(899)
        page = streams.get_records(ShardIterator=first)
        cloud.advance(1)
        with pytest.raises(streams.exceptions.ExpiredIteratorException) as err:
            streams.get_records(ShardIterator=first)
        assert (
            err.value.response["Error"]["Message"]
            == "The provided iterator exceeds the maximum age allowed."
        )
        put(cloud, 9)
        assert ids(streams.get_records(ShardIterator=page["NextShardIterator"])) == [9]

    def test_trimmed_under_an_iterator(self) -> None:
        """An iterator whose next record is trimmed before its use: TrimmedDataAccessException."""
        cloud = new_cloud(stream_shard_seconds=0.0)
        streams = cloud.client("dynamodbstreams")
        arn = make(cloud)
        put(cloud, 1)
        cloud.advance(86400 - 60)
        it = iterator(cloud, arn, "TRIM_HORIZON")
        cloud.advance(59)
        assert ids(streams.get_records(ShardIterator=it)) == [1]
        cloud.advance(1)
        with pytest.raises(streams.exceptions.TrimmedDataAccessException):
            streams.get_records(ShardIterator=it)

    def test_foreign_and_tampered_iterators(self, cloud: Cloud, streams: Any) -> None:
        """An iterator this service did not issue is ValidationException."""
        arn = make(cloud)
        good = iterator(cloud, arn, "TRIM_HORIZON")
        tampered = good[:-6] + ("AAAAAA" if not good.endswith("AAAAAA") else "BBBBBB")
        for bad in (
            "sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg",
            tampered,
            good.replace("|1|", "|2|"),
        ):
            with pytest.raises(
                streams.exceptions.ValidationException, match="Invalid ShardIterator"
            ):
                streams.get_records(ShardIterator=bad)

    def test_iterators_are_seeded_and_opaque(self) -> None:
        """Same seed, same iterators; another seed, others; no position in clear text."""
        made = []
        for seed in (0, 0, 1):
            cloud = Cloud(clock=ManualClock(0), seed=seed)
            made.append(iterator(cloud, make(cloud), "TRIM_HORIZON"))
        assert made[0] == made[1] != made[2]
        token = made[0].split("|")[2]
        assert token.isascii()
        assert len(made[0]) <= 2048

    def test_a_deleted_stream_is_not_found_after_24_hours(self, cloud: Cloud, streams: Any) -> None:
        """After its table is deleted, a stream reads for 24 hours, then iterators fail."""
        arn = make(cloud)
        put(cloud, 1)
        cloud.client("dynamodb").delete_table(TableName="tbl")
        cloud.advance(86400 - 10)
        it = iterator(cloud, arn, "TRIM_HORIZON")
        cloud.advance(9)
        assert ids(streams.get_records(ShardIterator=it)) == [1]
        cloud.advance(1)
        with pytest.raises(streams.exceptions.ResourceNotFoundException):
            streams.get_records(ShardIterator=it)
