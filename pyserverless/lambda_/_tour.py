"""The Lambda stop of ``pyserverless tour``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def _thumbnail(event: dict[str, Any], context: Any) -> dict[str, Any]:
    print(f"resizing {event['key']} with {context.get_remaining_time_in_millis()} ms to spare")
    return {"thumbnail": "thumbs/" + event["key"]}


def _spin(event: Any, context: Any) -> None:
    while True:
        pass


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """Lambda: handlers that really run, with timeouts, logs and a bill."""
    fn = cloud.lambda_.create_function("thumb", handler=_thumbnail, memory_mb=256, timeout=3)
    say(f"Created {fn!r}.")
    say(f"  invoke -> {fn.invoke({'key': 'cat.jpg'})}")
    say("  its log:")
    for line in fn.logs():
        say("    " + line.replace("\t", "  "))
    client = cloud.client("lambda")
    cloud.lambda_.create_function("spin", handler=_spin, timeout=1)
    say("A handler that loops forever, Timeout=1 ...")
    resp = client.invoke(FunctionName="spin")
    say(f"  FunctionError={resp['FunctionError']}: {json.loads(resp['Payload'].read())}")
    bill = cloud.lambda_.bill()
    say(f"The meter: {bill.requests} requests, {bill.gb_seconds:.6f} GB-s, ${bill.gross:.10f}.")
    cloud.lambda_.close()
