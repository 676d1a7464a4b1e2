"""The ``pyserverless`` command: ``tour`` and ``serve``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pyserverless", description="AWS serverless primitives, in memory."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    tour = sub.add_parser("tour", help="a short, runnable walk through every service")
    tour.add_argument("--seed", type=int, default=0)
    serve = sub.add_parser("serve", help="serve the AWS wire protocols over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=4566, help="port to listen on (0: any free)")
    serve.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of every id and secret (signing keys too); default: a fresh random seed, "
        "printed so the run can be replayed",
    )
    serve.add_argument("--region", default="us-east-1", help="the Cloud's default Region")
    serve.add_argument(
        "--connection-limit",
        type=int,
        default=1000,
        help="open connections served at once (default 1000)",
    )
    serve.add_argument(
        "--idle-timeout",
        type=int,
        default=30,
        help="seconds before an idle keep-alive connection is closed (default 30)",
    )
    serve.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    serve.add_argument(
        "--websocket-port",
        type=int,
        default=0,
        help="port of WebSocket APIs (ws://HOST:PORT/{api-id}/{stage}; 0: any free)",
    )
    serve.add_argument("--quiet", action="store_true", help="no line per request")
    serve.add_argument(
        "--verify-signatures",
        action="store_true",
        help="verify SigV4 signatures against the known access keys (testing/testing and "
        "each --access-key); default off: any complete signature is accepted",
    )
    serve.add_argument(
        "--inline-lambda",
        action="store_true",
        help="run uploaded Lambda code as threads of the server instead of worker processes "
        "(faster cold starts, but a handler's os._exit, a signal it sends, or a C loop holding "
        "the GIL stops or hangs the server, and its memory is not capped)",
    )
    serve.add_argument(
        "--access-key",
        action="append",
        default=[],
        metavar="ID:SECRET",
        help="an access key the server knows (repeatable; with --verify-signatures)",
    )
    args = parser.parse_args(argv)

    if args.command == "tour":
        from ._tour import run

        run(print, seed=args.seed)
        return 0
    if args.command == "serve":  # pragma: no cover - wired up by the HTTP adapter
        from .adapters.http import ServeOptions, serve_forever

        keys = None
        if args.verify_signatures:
            keys = {"testing": "testing"}
            for pair in args.access_key:
                key, sep, secret = pair.partition(":")
                if not (key and sep and secret):
                    parser.error(f"--access-key wants ID:SECRET, got {pair!r}")
                keys[key] = secret
        options = ServeOptions(
            threads=args.threads,
            connection_limit=args.connection_limit,
            idle_timeout=args.idle_timeout,
            access_keys=keys,
            inline_lambda=args.inline_lambda,
            websocket_port=args.websocket_port,
        )
        return serve_forever(
            host=args.host,
            port=args.port,
            seed=args.seed,
            region=args.region,
            options=options,
            quiet=args.quiet,
        )
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
