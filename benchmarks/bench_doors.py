"""The two doors against moto's: get_item and put_item through real boto3 clients.

* in-process: pyserverless's ``mock_aws`` bridge vs moto's ``mock_aws``;
* over loopback HTTP: pyserverless's endpoint vs moto's ``ThreadedMotoServer``.

Both sides run the same boto3 calls (same table, same item) in the same run; boto3's
own cost (serialising, parsing, and over HTTP the signing and the socket) is in
every number, as it is in a user's test suite.
Run: ``python -m benchmarks bench_doors``. Targets: bridge >= 3x, endpoint >= 2x.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import boto3
from botocore.config import Config

from benchmarks._common import per_second, record, table

TABLE = "bench"
ITEM = {"pk": {"S": "user#1"}, "name": {"S": "Ada"}, "age": {"N": "36"}, "tags": {"SS": ["a", "b"]}}
KEY = {"pk": {"S": "user#1"}}


def _create(client: Any) -> None:
    client.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.put_item(TableName=TABLE, Item=ITEM)


def _workloads(client: Any) -> dict[str, Callable[[], object]]:
    return {
        "get_item": lambda: client.get_item(TableName=TABLE, Key=KEY),
        "put_item": lambda: client.put_item(TableName=TABLE, Item=ITEM),
    }


def _race(
    ours: Any, theirs: Callable[[], AbstractContextManager[Any]], min_time: float, rounds: int
) -> dict[str, tuple[float, float]]:
    """Best calls/s of each side per operation, measured in alternating rounds.

    ``theirs()`` enters the peer and yields a fresh client (moto's ``mock_aws`` must be
    active only during its own rounds: its stub sees every botocore client's requests).
    Alternating keeps a busy machine from favouring whichever side ran in a quiet moment.
    """
    _create(ours)
    mine = _workloads(ours)
    best = dict.fromkeys(mine, (0.0, 0.0))
    for _ in range(rounds):
        for op, fn in mine.items():
            best[op] = (max(best[op][0], per_second(fn, min_time=min_time, repeat=1)), best[op][1])
        with theirs() as client:
            _create(client)
            for op, fn in _workloads(client).items():
                peer = per_second(fn, min_time=min_time, repeat=1)
                best[op] = (best[op][0], max(best[op][1], peer))
    return best


def _moto_over_http(port: int) -> Callable[[], AbstractContextManager[Any]]:
    @contextlib.contextmanager
    def rounds() -> Iterator[Any]:
        client = _http_client(f"http://127.0.0.1:{port}")
        yield client
        client.delete_table(TableName=TABLE)

    return rounds


@contextlib.contextmanager
def _process(command: list[str], port: int) -> Iterator[None]:
    """A server in its own process, until it accepts connections on ``port``."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _http_client(url: str) -> Any:
    return boto3.client(
        "dynamodb",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )


def run(min_time: float = 0.3, rounds: int = 5) -> dict[str, dict[str, tuple[float, float]]]:
    """(pyserverless, moto) calls per second, per door and operation."""
    import moto
    from moto.server import ThreadedMotoServer

    from pyserverless import Cloud, mock_aws
    from pyserverless.adapters import Server

    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs each request
    results: dict[str, dict[str, tuple[float, float]]] = {}

    @contextlib.contextmanager
    def moto_in_process() -> Iterator[Any]:
        with moto.mock_aws():
            yield boto3.client("dynamodb")

    with mock_aws(Cloud(seed=0)):
        ours = boto3.client("dynamodb")  # keeps talking to its Cloud after the block
    results["bridge"] = _race(ours, moto_in_process, min_time, rounds)

    port = _free_port()
    moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto_server.start()
    try:
        with Server(Cloud(seed=0)) as server:
            results["endpoint"] = _race(
                _http_client(server.url), _moto_over_http(port), min_time, rounds
            )
    finally:
        moto_server.stop()

    ours_port, moto_port = _free_port(), _free_port()
    python = sys.executable
    with (
        _process([python, "-m", "pyserverless", "serve", "--port", str(ours_port)], ours_port),
        _process([python, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(moto_port)], moto_port),
    ):
        results["process"] = _race(
            _http_client(f"http://127.0.0.1:{ours_port}"),
            _moto_over_http(moto_port),
            min_time,
            rounds,
        )
    return results


def main() -> None:
    results = run()
    rows = []
    for door, label, target in (
        ("bridge", "bridge vs moto `mock_aws`", 3.0),
        ("endpoint", "endpoint (thread) vs moto `ThreadedMotoServer`", 2.0),
        ("process", "`pyserverless serve` vs `moto_server` (processes)", 2.0),
    ):
        for op, (mine, peer) in results[door].items():
            ratio = mine / peer
            verdict = "met" if ratio >= target else "NOT met"
            rows.append(
                [
                    label,
                    op,
                    f"{mine:,.0f}",
                    f"{peer:,.0f}",
                    f"{ratio:.2f}x",
                    f">= {target:g}x {verdict}",
                ]
            )
    markdown = (
        "boto3 `get_item`/`put_item` (one small item) through each door, calls per second "
        "(best of alternating rounds; the client always runs in the benchmark's process).\n\n"
        + table(["door", "operation", "pyserverless/s", "moto/s", "ratio", "target"], rows)
    )
    print(markdown)
    record("doors", markdown)


if __name__ == "__main__":
    main()
