"""S3 through boto3 on the in-process bridge, against moto's S3 in the same run.

* put_object and get_object (body read to the end) of 1 KB and 1 MB objects: boto3 on
  ``mock_aws`` against boto3 on ``moto.mock_aws``, CPU time of this process per call,
  medians of alternating blocks (the machine is shared); target: at least 3x;
* beside them, botocore alone: the same client with pyserverless's answer recorded once
  and replayed to it (no wire, no engine). That is what any in-process S3 answering
  AWS's exact response costs at least; a put also has to hash the body (the MD5 of the
  ETag, and the CRC32 botocore sends, which S3 checks), measured on its own. moto's time
  over that floor is the most speed-up any emulator could show;
* list_objects_v2 with a prefix and a 100-key page over buckets of 10,000 and 100,000
  keys, through the bridge: the same time for both shows the listing costs
  O(log n + page), not O(n).

Run: ``python -m benchmarks bench_s3``.
"""

from __future__ import annotations

import hashlib
import io
import os
import statistics
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import moto
from botocore.awsrequest import AWSResponse

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock, mock_aws

SIZES = {"1 KB": 1024, "1 MB": 1024 * 1024}


def _cpu_per_call(fn: Callable[[], object], n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - start) / n


def _moto_block(body: bytes, op: str, n: int) -> float:
    """CPU seconds per call on moto, in a moto context of its own: moto's global hooks
    are active only while it runs (they would slow every other botocore client)."""
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="bench")
        client.put_object(Bucket="bench", Key="obj", Body=body)
        fn = _put(client, body) if op == "put_object" else _get(client)
        fn()
        return _cpu_per_call(fn, n)


def _ours_block(cloud: Cloud, body: bytes, op: str, n: int) -> float:
    with mock_aws(cloud):
        client = boto3.client("s3", region_name="us-east-1")
        client.put_object(Bucket="bench", Key="obj", Body=body)
        fn = _put(client, body) if op == "put_object" else _get(client)
        fn()
        return _cpu_per_call(fn, n)


class _Raw(io.BytesIO):
    """A replayed answer's body, as botocore reads it (``read`` and ``stream``)."""

    def stream(self, amt: int | None = None, decode_content: bool = True) -> Iterator[bytes]:
        while chunk := self.read(amt or 65536):
            yield chunk


class _Replay:
    """A ``before-send`` handler: the bridge's first answer, recorded and replayed.

    Each request's body is read, as the bridge reads it, so botocore's own work on it
    (the aws-chunked encoding and the CRC32 of a put) is counted.
    """

    def __init__(self, bridge: Any) -> None:
        self.bridge = bridge
        self.answer: tuple[int, dict[str, str], bytes] | None = None

    def __call__(self, request: Any, **_: Any) -> AWSResponse:
        if self.answer is None:
            _, got = self.bridge.meta.events.emit_until_response("before-send.s3", request=request)
            self.answer = (got.status_code, dict(got.headers), got.raw.read())
        elif hasattr(request.body, "read"):
            request.body.read()
        status, headers, data = self.answer
        return AWSResponse(request.url, status, dict(headers), _Raw(data))


def _alone_block(cloud: Cloud, body: bytes, op: str, n: int) -> float:
    """CPU seconds per call of botocore alone: a client inside ``mock_aws`` whose bridge
    handler is replaced by :class:`_Replay` (recorded from a second client's bridge)."""
    with mock_aws(cloud):
        client = boto3.client("s3", region_name="us-east-1")
        recorder = boto3.client("s3", region_name="us-east-1")
        client.put_object(Bucket="bench", Key="obj", Body=body)
        events = client.meta.events
        events.unregister("before-send", unique_id="pyserverless-bridge")
        events.register_first("before-send", _Replay(recorder), unique_id="bench-replay")
        fn = _put(client, body) if op == "put_object" else _get(client)
        fn()
        return _cpu_per_call(fn, n)


def _hashing(body: bytes, n: int) -> float:
    """CPU seconds of what a put must compute on its body: the MD5 and the CRC32."""

    def work() -> None:
        hashlib.md5(body, usedforsecurity=False).hexdigest()
        zlib.crc32(body)

    return _cpu_per_call(work, n)


def _date_costs() -> tuple[float, float]:
    """CPU seconds to parse one Last-Modified header: botocore's own parser (dateutil),
    and the bridge's (``pyserverless.adapters._dates``); best of 5 blocks each."""
    from botocore.utils import parse_timestamp

    from pyserverless.adapters._dates import timestamp

    text = "Wed, 01 Jan 2025 00:00:00 GMT"
    theirs = min(_cpu_per_call(lambda: parse_timestamp(text), 2000) for _ in range(5))
    ours = min(_cpu_per_call(lambda: timestamp(text), 2000) for _ in range(5))
    return theirs, ours


def _put(client: Any, body: bytes) -> Callable[[], object]:
    return lambda: client.put_object(Bucket="bench", Key="obj", Body=body)


def _get(client: Any) -> Callable[[], object]:
    return lambda: client.get_object(Bucket="bench", Key="obj")["Body"].read()


def objects(rounds: int = 7) -> list[list[str]]:
    """Medians of alternating blocks: pyserverless, moto, botocore alone, ``rounds`` times.

    Each row: operation, pyserverless µs, moto µs, speed-up, botocore alone µs (plus
    the body's hashing for a put), the most speed-up possible, pyserverless's share.
    """
    rows = []
    with Cloud(clock=ManualClock(1735689600)) as cloud:
        cloud.client("s3").create_bucket(Bucket="bench")
        for label, size in SIZES.items():
            body = os.urandom(size)
            n = 200 if size < 65536 else 20
            for op in ("put_object", "get_object"):
                mine: list[float] = []
                other: list[float] = []
                alone: list[float] = []
                for _ in range(rounds):
                    mine.append(_ours_block(cloud, body, op, n))
                    other.append(_moto_block(body, op, n))
                    alone.append(_alone_block(cloud, body, op, n))
                a, b = statistics.median(mine), statistics.median(other)
                floor = statistics.median(alone)
                if op == "put_object":
                    floor += min(_hashing(body, n) for _ in range(3))
                rows.append(
                    [
                        f"{op} {label}",
                        f"{a * 1e6:,.0f}",
                        f"{b * 1e6:,.0f}",
                        f"{b / a:.1f}x",
                        f"{floor * 1e6:,.0f}",
                        f"{b / floor:.1f}x",
                        f"{max(a - floor, 0.0) / a:.0%}",
                    ]
                )
    return rows


def _fill(cloud: Cloud, name: str, count: int) -> None:
    client = cloud.client("s3")
    client.create_bucket(Bucket=name)
    for i in range(count):
        client.put_object(Bucket=name, Key=f"k{i:06d}", Body=b"")


def listing() -> list[list[str]]:
    rows = []
    with Cloud(clock=ManualClock(1735689600)) as cloud, mock_aws(cloud):
        s3 = boto3.client("s3", region_name="us-east-1")
        sizes = {"small": 10_000, "large": 100_000}
        for name, count in sizes.items():
            _fill(cloud, name, count)
        timings = {}
        for name, count in sizes.items():
            prefix = f"k{count // 2:06d}"[:4]  # a prefix in the middle of the key space

            def page(bucket: str = name, p: str = prefix) -> object:
                return s3.list_objects_v2(Bucket=bucket, Prefix=p, MaxKeys=100)

            assert len(page()["Contents"]) == 100  # type: ignore[index]
            timings[name] = min(_cpu_per_call(page, 50) for _ in range(5))
        for name, count in sizes.items():
            rows.append(
                [
                    f"{count:,} keys",
                    f"{timings[name] * 1e6:,.0f}",
                    f"{timings[name] / timings['small']:.2f}",
                ]
            )
    return rows


def _verdict(rows: list[list[str]]) -> str:
    """Which rows meet the 3x target, and which could not, read from the measured rows."""
    met = [r[0] for r in rows if float(r[3].rstrip("x")) >= 3.0]
    missed = [r for r in rows if r[0] not in met]
    if not missed:
        return "Every row meets the 3x target."
    out = [f"The 3x target is met by {', '.join(met) or 'no row'}."]
    beyond = [r[0] for r in missed if float(r[5].rstrip("x")) < 3.0]
    within = [r[0] for r in missed if r[0] not in beyond]
    if beyond:
        out.append(
            f"For {', '.join(beyond)} it is out of reach of any in-process emulator: moto "
            "takes less than 3x botocore's own work on AWS's answer (plus, for a put, the "
            "body's MD5 and CRC32)."
        )
    if within:
        out.append(f"{', '.join(within)} misses it by pyserverless's own share.")
    return " ".join(out)


def main() -> None:
    object_rows = objects()
    list_rows = listing()
    theirs_date, ours_date = _date_costs()
    text = "\n\n".join(
        [
            (
                "## S3 (issue 17)\n\nboto3 through `mock_aws` against boto3 through "
                "`moto.mock_aws`, CPU µs per call (medians of 7 alternating blocks, each "
                "door in a context of its own; the body read to the end for get_object). "
                "*botocore alone* is the same client with pyserverless's answer recorded "
                "once and replayed to it: botocore's own work on AWS's response, which "
                "every in-process emulator pays (for a put, plus the MD5 of the ETag and "
                "the CRC32 S3 checks, timed on their own). *Most possible* is moto over "
                "that floor; *our share* is the part of pyserverless's time above it (the "
                "bridge, the wire and the engine):"
            ),
            table(
                [
                    "operation",
                    "pyserverless µs",
                    "moto µs",
                    "speed-up",
                    "botocore alone µs",
                    "most possible",
                    "our share",
                ],
                object_rows,
            ),
            _verdict(object_rows)
            + " A 1 MB put is mostly the MD5 of the ETag, a 1 MB get mostly botocore's "
            "CRC32 check of the body it reads. Of a 1 KB call most is botocore's own work, "
            "headers parsed member by member. The bridge gives its clients a timestamp "
            "parser that reads AWS's two date forms by position into the datetime "
            f"botocore's dateutil parse gives: {ours_date * 1e6:.1f} µs a `LastModified` "
            f"against dateutil's {theirs_date * 1e6:.0f} µs.",
            (
                "list_objects_v2 through the bridge, a prefix in the middle of the key "
                "space, 100 keys a page (CPU µs per call, best of 5 blocks of 50): the same "
                "cost at 10,000 and 100,000 keys, so a page costs O(log n + page):"
            ),
            table(["bucket", "µs per page", "vs 10,000 keys"], list_rows),
            (
                "Most of a page's cost is botocore's parse of the XML body (100 keys, each "
                "with its `LastModified`, `ETag`, size and storage class); the wire and the "
                "engine take a small part of it."
            ),
        ]
    )
    print(text)
    record("s3", text)


if __name__ == "__main__":
    main()
