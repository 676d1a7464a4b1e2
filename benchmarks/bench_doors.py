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
import functools
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


def _signed_environ(operation: str, **params: Any) -> tuple[dict[str, Any], bytes]:
    """The WSGI environ of the request boto3 would send (signed), captured, not sent."""
    import io

    from botocore.awsrequest import AWSResponse

    class Raw(io.BytesIO):
        def stream(self, **_: Any) -> Iterator[bytes]:
            yield self.getvalue()

    seen: list[Any] = []

    def capture(request: Any, **_: Any) -> Any:
        seen.append(request)
        return AWSResponse(request.url, 200, {}, Raw(b"{}"))

    client = _http_client("http://127.0.0.1:4566")
    client.meta.events.register_first("before-send", capture)
    getattr(client, operation)(**params)
    request = seen[0]
    body = request.body if isinstance(request.body, bytes) else request.body.encode()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "4566",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "127.0.0.1:4566",  # added by the HTTP library, after botocore
    }
    for name, value in request.headers.items():
        text = value.decode() if isinstance(value, bytes) else value
        if name.lower() == "content-type":
            environ["CONTENT_TYPE"] = text
        else:
            environ["HTTP_" + name.upper().replace("-", "_")] = text
    return environ, body


def _apps(min_time: float, rounds: int) -> dict[str, tuple[float, float]]:
    """Each server's WSGI app called directly with boto3's signed request: no socket."""
    import io

    from moto.server import DomainDispatcherApplication, create_backend_app

    from pyserverless import Cloud
    from pyserverless.adapters import make_app

    ours = make_app(Cloud(seed=0))
    theirs = DomainDispatcherApplication(create_backend_app)

    def call(app: Any, environ: dict[str, Any], body: bytes) -> None:
        statuses: list[str] = []
        result = app(
            dict(environ, **{"wsgi.input": io.BytesIO(body)}),
            lambda s, h, e=None: statuses.append(s),
        )
        b"".join(result)
        if hasattr(result, "close"):
            result.close()
        assert statuses[0].startswith("200"), statuses

    create = _signed_environ(
        "create_table",
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    requests = {
        "get_item": _signed_environ("get_item", TableName=TABLE, Key=KEY),
        "put_item": _signed_environ("put_item", TableName=TABLE, Item=ITEM),
    }
    best: dict[str, tuple[float, float]] = {}
    for app in (ours, theirs):
        call(app, *create)
    for op, (environ, body) in requests.items():
        a = b = 0.0
        for _ in range(rounds):
            a = max(
                a,
                per_second(
                    functools.partial(call, ours, environ, body), min_time=min_time, repeat=1
                ),
            )
            b = max(
                b,
                per_second(
                    functools.partial(call, theirs, environ, body), min_time=min_time, repeat=1
                ),
            )
        best[op] = (a, b)
    return best


def _floor(min_time: float, rounds: int) -> float:
    """boto3 get_item against a no-op WSGI app on werkzeug's threaded server: the transport.

    werkzeug's development server closes the connection after every response, so each
    call pays a TCP connection and a thread; both endpoints sit on this floor.
    """
    import threading
    import zlib

    from werkzeug.serving import WSGIRequestHandler, make_server

    body = b"{}"
    headers = [
        ("Content-Type", "application/x-amz-json-1.0"),
        ("Content-Length", str(len(body))),
        ("x-amz-crc32", str(zlib.crc32(body))),
    ]

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response("200 OK", headers)
        return [body]

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        client = _http_client(f"http://127.0.0.1:{server.server_port}")
        call = functools.partial(client.get_item, TableName=TABLE, Key=KEY)
        return max(per_second(call, min_time=min_time, repeat=1) for _ in range(rounds))
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


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

    results["floor"] = {"get_item": (_floor(min_time, rounds), 0.0)}
    results["app"] = _apps(min_time, rounds)

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
        ("app", "endpoint's WSGI app vs moto server's, called directly (no socket)", 2.0),
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
    floor = results["floor"]["get_item"][0]
    markdown = (
        "boto3 `get_item`/`put_item` (one small item) through each door, calls per second "
        "(best of alternating rounds; the client always runs in the benchmark's process).\n\n"
        + table(["door", "operation", "pyserverless/s", "moto/s", "ratio", "target"], rows)
        + f"\n\nmoto's transport floor: the same boto3 `get_item` against a no-op WSGI app "
        f"on werkzeug's threaded server (moto's server, which closes the connection after "
        f"every response) runs at {floor:,.0f}/s in-thread. pyserverless serves on waitress, "
        "which keeps connections alive as AWS's endpoints do; the last rows (the apps "
        "alone, no socket) show the cost of each app itself."
    )
    print(markdown)
    record("doors", markdown)


if __name__ == "__main__":
    main()
