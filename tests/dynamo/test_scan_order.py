"""Scan order: DynamoDB's partition-key hash (MD5 over a salt and the key's bytes)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._storage import number_key_bytes

from .conftest import make_table


def md5_order(raw: bytes) -> int:
    """The oracle: the first four bytes of MD5(b"Outliers" + the key's bytes)."""
    return int.from_bytes(hashlib.md5(b"Outliers" + raw).digest()[:4], "big")


class TestNumberEncoding:
    @pytest.mark.parametrize(
        ("text", "encoded"),
        [
            ("0", "80"),
            ("1", "c102"),
            ("100", "c202"),
            ("12345", "c302182e"),
            ("1.5", "c10233"),
            ("0.001", "bf0b"),
            ("1e125", "ff0b"),
            ("-1", "3e6466"),
            ("-99.1", "3e025b66"),
            ("-1e-130", "7f6466"),
            # Twenty base-100 digits: a negative number has no terminator then.
            ("-12345678901234567890123456789012345678", "2c" + "59432d170b" * 3 + "59432d1766"),
        ],
    )
    def test_known_encodings(self, text: str, encoded: str) -> None:
        """Base-100 digits after an exponent byte, as Oracle's NUMBER lays them out."""
        assert number_key_bytes(Decimal(text)).hex() == encoded

    def test_equal_numbers_encode_alike(self) -> None:
        """The encoding is of the value: 1.50, 1.5 and 15e-1 are one key."""
        spellings = {number_key_bytes(Decimal(t)) for t in ("1.50", "1.5", "15e-1", "0.15E1")}
        assert len(spellings) == 1


class TestScanOrder:
    def test_string_keys_scan_in_hash_order(self, ddb: Any) -> None:
        """A hash-key table scans in the order of MD5("Outliers" + UTF-8 key)."""
        make_table(ddb, "strs", pk="id", sk=None)
        names = [f"user-{n}" for n in range(40)] + ["é", "日本", "z"]
        for name in names:
            ddb.put_item(TableName="strs", Item={"id": {"S": name}})
        got = [i["id"]["S"] for i in ddb.scan(TableName="strs")["Items"]]
        assert got == sorted(names, key=lambda n: md5_order(n.encode()))

    def test_number_keys_scan_in_hash_order(self, ddb: Any) -> None:
        """Number keys hash their internal encoding, not their text."""
        make_table(ddb, "nums", pk="id", sk=None, pk_type="N")
        values = ["0", "1", "2", "10", "-3", "1.5", "99", "100", "12345", "-0.25"]
        for v in values:
            ddb.put_item(TableName="nums", Item={"id": {"N": v}})
        got = [i["id"]["N"] for i in ddb.scan(TableName="nums")["Items"]]
        assert got == sorted(values, key=lambda v: md5_order(number_key_bytes(Decimal(v))))

    def test_binary_keys_scan_in_hash_order(self, ddb: Any) -> None:
        """Binary keys hash their raw bytes."""
        make_table(ddb, "bins", pk="id", sk=None, pk_type="B")
        values = [bytes([n, n * 7 % 256]) for n in range(20)]
        for v in values:
            ddb.put_item(TableName="bins", Item={"id": {"B": v}})
        got = [i["id"]["B"] for i in ddb.scan(TableName="bins")["Items"]]
        assert got == sorted(values, key=md5_order)

    def test_sort_keys_follow_in_order_within_a_partition(self, ddb: Any, table: str) -> None:
        """Within one partition, items come by sort key."""
        for pk in ("a", "b", "c"):
            for sk in (3, 1, 2):
                ddb.put_item(TableName=table, Item={"pk": {"S": pk}, "sk": {"N": str(sk)}})
        got = [(i["pk"]["S"], int(i["sk"]["N"])) for i in ddb.scan(TableName=table)["Items"]]
        partitions = sorted("abc", key=lambda p: md5_order(p.encode()))
        assert got == [(p, sk) for p in partitions for sk in (1, 2, 3)]

    def test_segments_split_the_hash_order(self, ddb: Any) -> None:
        """Segments are contiguous runs of the hash order, together the whole scan."""
        make_table(ddb, "segs", pk="id", sk=None)
        for n in range(60):
            ddb.put_item(TableName="segs", Item={"id": {"S": f"k{n}"}})
        whole = [i["id"]["S"] for i in ddb.scan(TableName="segs")["Items"]]
        parts = [
            [i["id"]["S"] for i in ddb.scan(TableName="segs", Segment=s, TotalSegments=4)["Items"]]
            for s in range(4)
        ]
        assert [k for part in parts for k in part] == whole
        for s, part in enumerate(parts):
            assert all(md5_order(k.encode()) * 4 >> 32 == s for k in part)

    def test_gsi_ties_follow_the_hash_order(self, ddb: Any) -> None:
        """Items with equal GSI keys come in the table's hash order."""
        make_table(
            ddb,
            "ties",
            pk="id",
            sk=None,
            more_types={"g": "S"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        ids = [f"item{n}" for n in range(25)]
        for name in ids:
            ddb.put_item(TableName="ties", Item={"id": {"S": name}, "g": {"S": "same"}})
        out = ddb.query(
            TableName="ties",
            IndexName="byg",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "same"}},
        )
        assert [i["id"]["S"] for i in out["Items"]] == sorted(
            ids, key=lambda n: md5_order(n.encode())
        )
