"""The two doors at their floors, beside moto: ``python -m benchmarks bench_doors``.

Five DynamoDB calls through real boto3 clients -- get_item, a query returning 100
items, a scan of 1,000, a batch_write_item of 25 puts and a transact_write_items of
10 -- through each door, each beside its **floor**:

* the bridge's floor is botocore itself answered by a ``before-send`` handler that
  returns canned bytes (the very answer pyserverless gave, captured once): what any
  in-process door costs with an engine that takes no time. Rows: the ``before-send``
  bridge, the fast bridge (``mock_aws(cloud, fast=True)``), moto's ``mock_aws``;
* the endpoint's floor is a no-op WSGI app on waitress (same settings as
  ``pyserverless serve``) answering the same canned bytes. Rows: pyserverless's
  ``Server``, moto's ``ThreadedMotoServer``;
* the endpoint's throughput with 1, 4 and 8 client threads (get_item), beside the
  floor's.

Every number is the median of alternating blocks (each contender runs one block in
turn, then the next round): the machine is shared, and alternating keeps a busy
moment from favouring one side. Above 1 in the "of floor" columns means faster
than the floor.
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3
from botocore.config import Config

from benchmarks._common import record, table

TABLE = "bench"
DATA = "x" * 186
OPS = ("get_item", "query100", "scan1k", "batch_write25", "transact_write10")


def _create(client: Any) -> None:
    client.create_table(
        TableName=TABLE,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    for start in range(0, 1000, 25):
        client.batch_write_item(
            RequestItems={TABLE: [_put("q", n) for n in range(start, start + 25)]}
        )


def _put(pk: str, n: int) -> dict[str, Any]:
    return {"PutRequest": {"Item": {"pk": {"S": pk}, "sk": {"N": str(n)}, "data": {"S": DATA}}}}


def _calls(client: Any) -> dict[str, Callable[[], object]]:
    """The timed calls (each repeats the same request: the canned floors need that)."""
    key = {"pk": {"S": "q"}, "sk": {"N": "1"}}
    puts = [_put("w", n) for n in range(25)]
    items = [
        {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "x"}, "sk": {"N": str(n)}}}}
        for n in range(10)
    ]
    return {
        "get_item": lambda: client.get_item(TableName=TABLE, Key=key),
        "query100": lambda: client.query(
            TableName=TABLE,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "q"}},
            Limit=100,
        ),
        "scan1k": lambda: client.scan(TableName=TABLE),
        "batch_write25": lambda: client.batch_write_item(RequestItems={TABLE: puts}),
        "transact_write10": lambda: client.transact_write_items(TransactItems=items),
    }


#: Calls per block, per operation (a block lasts tens of milliseconds).
BLOCK = {"get_item": 100, "query100": 10, "scan1k": 2, "batch_write25": 10, "transact_write10": 20}


def _block(fn: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def _medians(
    contenders: dict[str, dict[str, Callable[[], object]]], rounds: int, scale: float = 1.0
) -> dict[str, dict[str, float]]:
    """Seconds per call: for each op, the median over ``rounds`` of alternating blocks."""
    out: dict[str, dict[str, float]] = {name: {} for name in contenders}
    for op in OPS:
        n = max(1, int(BLOCK[op] * scale))
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for calls in contenders.values():
            calls[op]()  # warm up
        for _ in range(rounds):
            for name, calls in contenders.items():
                times[name].append(_block(calls[op], n))
        for name in contenders:
            out[name][op] = statistics.median(times[name])
    return out


class _Raw(io.BytesIO):
    def stream(self, amt: int | None = None, decode_content: bool = True) -> Iterator[bytes]:
        while chunk := self.read(amt or 65536):
            yield chunk


def _canned(cloud: Any) -> tuple[Any, Any]:
    """A plain botocore client answered with recorded bytes, and the recorder's answers.

    The client is set up as the bridge sets up its own (unsigned, no User-Agent
    rebuild), so the two differ only in who answers.
    """
    import botocore
    from botocore.awsrequest import AWSResponse

    from pyserverless.adapters import Dispatcher
    from pyserverless.adapters.bridge import _send

    dispatcher = Dispatcher(cloud, raise_unexpected=True)
    answers: dict[str, tuple[int, dict[str, str], bytes]] = {}
    client = boto3.client(
        "dynamodb", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    events = client.meta.events
    events.register_first("choose-signer", lambda **_: botocore.UNSIGNED)
    rebuild = client._user_agent_creator.rebuild_and_replace_user_agent_handler
    events.unregister("request-created.dynamodb", rebuild)

    def answer(request: Any, **_: Any) -> Any:
        target = request.headers["X-Amz-Target"].decode()
        if target not in answers:  # the first call is answered by pyserverless, and kept
            real = _send(dispatcher, "us-east-1", request)
            answers[target] = (real.status_code, dict(real.headers), real.raw.getvalue())
        status, headers, body = answers[target]
        return AWSResponse(request.url, status, headers, _Raw(body))

    events.register_first("before-send", answer)
    return client, answers


def _bridge(rounds: int) -> dict[str, dict[str, float]]:
    import moto

    from pyserverless import Cloud, mock_aws

    cloud = Cloud(seed=0)
    with mock_aws(cloud):
        plain = boto3.client("dynamodb")
    with mock_aws(cloud, fast=True):
        fast = boto3.client("dynamodb")
    _create(plain)
    floor, _ = _canned(cloud)
    contenders = {"floor": _calls(floor), "before-send": _calls(plain), "fast": _calls(fast)}
    ours = _medians(contenders, rounds)
    with moto.mock_aws():
        theirs = boto3.client("dynamodb")
        _create(theirs)
        ours.update(_medians({"moto": _calls(theirs)}, max(3, rounds // 2), scale=0.2))
    return ours


def _http_client(url: str) -> Any:
    return boto3.client(
        "dynamodb",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}, max_pool_connections=16),
    )


@contextlib.contextmanager
def _waitress_floor(answers: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    """A no-op WSGI app on waitress, with ``pyserverless serve``'s settings: canned answers."""
    from pyserverless.adapters.http import ServeOptions, _Listener

    prepared = {
        target: (f"{status} OK", list(headers.items()), body)
        for target, (status, headers, body) in answers.items()
    }

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        status, headers, body = prepared[environ["HTTP_X_AMZ_TARGET"]]
        start_response(status, headers)
        return [body]

    listener = _Listener(app, "127.0.0.1", 0, ServeOptions())  # type: ignore[arg-type]
    thread = threading.Thread(target=listener.serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.port}"
    finally:
        listener.stop()
        thread.join()
        listener.close()


def _endpoint(rounds: int) -> tuple[dict[str, dict[str, float]], dict[str, dict[int, float]]]:
    from moto.server import ThreadedMotoServer

    from pyserverless import Cloud
    from pyserverless.adapters import Server

    cloud = Cloud(seed=0)
    with Server(cloud) as server:
        ours = _http_client(server.url)
        _create(ours)
        recorder, answers = _canned(cloud)
        for fn in _calls(recorder).values():  # record each operation's real answer
            fn()
        with _waitress_floor(answers) as floor_url:
            floor = _http_client(floor_url)
            results = _medians({"floor": _calls(floor), "pyserverless": _calls(ours)}, rounds)
            throughput = _throughput({"floor": floor_url, "pyserverless": server.url}, rounds)
    port = _free_port()
    moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto_server.start()
    try:
        theirs = _http_client(f"http://127.0.0.1:{port}")
        _create(theirs)
        results.update(_medians({"moto": _calls(theirs)}, max(3, rounds // 2), scale=0.2))
    finally:
        moto_server.stop()
    return results, throughput


def _throughput(
    urls: dict[str, str], rounds: int, seconds: float = 0.5
) -> dict[str, dict[int, float]]:
    """get_item calls per second with 1, 4 and 8 client threads (each its own client),
    each server in turn, the median of ``rounds`` alternating runs."""
    out: dict[str, dict[int, float]] = {name: {} for name in urls}
    for threads in (1, 4, 8):
        runs: dict[str, list[float]] = {name: [] for name in urls}
        clients = {name: [_http_client(url) for _ in range(threads)] for name, url in urls.items()}
        for _ in range(rounds):
            for name in urls:
                runs[name].append(_load(clients[name], seconds))
        for name in urls:
            out[name][threads] = statistics.median(runs[name])
    return out


def _load(clients: list[Any], seconds: float) -> float:
    calls = [_calls(client)["get_item"] for client in clients]
    for call in calls:
        call()
    counts = [0] * len(calls)
    stop = threading.Event()

    def work(i: int) -> None:
        while not stop.is_set():
            calls[i]()
            counts[i] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(len(calls))]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.perf_counter() - start)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f}"


def main(rounds: int = int(os.environ.get("BENCH_ROUNDS", "7"))) -> None:
    import logging

    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    bridge = _bridge(rounds)
    endpoint, throughput = _endpoint(rounds)
    rows = []
    for op in OPS:
        f = bridge["floor"][op]
        rows.append(
            [
                op,
                _us(f),
                _us(bridge["before-send"][op]),
                f"{f / bridge['before-send'][op]:.2f}",
                _us(bridge["fast"][op]),
                f"{f / bridge['fast'][op]:.2f}",
                _us(bridge["moto"][op]),
                f"{bridge['moto'][op] / bridge['before-send'][op]:.0f}x",
            ]
        )
    bridge_table = table(
        [
            "op",
            "floor µs",
            "before-send µs",
            "of floor",
            "fast µs",
            "of floor",
            "moto µs",
            "moto / ours",
        ],
        rows,
    )
    rows = []
    for op in OPS:
        f = endpoint["floor"][op]
        mine = endpoint["pyserverless"][op]
        rows.append(
            [
                op,
                _us(f),
                _us(mine),
                f"{f / mine:.2f}",
                _us(endpoint["moto"][op]),
                f"{endpoint['moto'][op] / mine:.0f}x",
            ]
        )
    endpoint_table = table(
        ["op", "waitress no-op µs", "pyserverless µs", "of floor", "moto server µs", "moto / ours"],
        rows,
    )
    rows = [
        [
            str(n),
            f"{throughput['floor'][n]:,.0f}",
            f"{throughput['pyserverless'][n]:,.0f}",
            f"{throughput['pyserverless'][n] / throughput['floor'][n]:.2f}",
        ]
        for n in (1, 4, 8)
    ]
    load_table = table(
        ["client threads", "waitress no-op calls/s", "pyserverless calls/s", "of floor"], rows
    )
    markdown = (
        "Each door beside its floor and moto; per-call times are medians of "
        f"{rounds} alternating blocks (wall clock) on a shared machine, so expect a "
        "few percent of noise between runs.\n\n"
        "**Bridge** (in-process). Floor: botocore answered with canned bytes at "
        "`before-send`.\n\n" + bridge_table + "\n\n"
        "**Endpoint** (loopback HTTP, keep-alive). Floor: a no-op WSGI app on waitress "
        "with the same settings, answering the same bytes.\n\n" + endpoint_table + "\n\n"
        "**Throughput** of the endpoint, get_item, boto3 clients on threads of the "
        "benchmark's own process (the clients' CPU is part of the limit on this "
        "machine).\n\n" + load_table
    )
    from pyserverless.adapters import _shapes

    fast = _shapes._orjson is not None
    heading = (
        "With the `fast` extra (orjson writes" if fast else "Without the `fast` extra (json writes"
    )
    markdown = f"{heading} response bodies).\n\n" + markdown
    print(markdown)
    record("doors-orjson" if fast else "doors", markdown)


if __name__ == "__main__":
    main()
