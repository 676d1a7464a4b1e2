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
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=4566)
    serve.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    if args.command == "tour":
        from ._tour import run

        run(print, seed=args.seed)
        return 0
    if args.command == "serve":  # pragma: no cover - wired up by the HTTP adapter
        from .adapters.http import serve_forever  # type: ignore[import-not-found,unused-ignore]

        code: int = serve_forever(host=args.host, port=args.port, seed=args.seed)
        return code
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
