"""The CloudWatch Logs stop of ``pyserverless tour``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def _checkout(event: dict[str, Any], context: Any) -> None:
    if event.get("card") == "expired":
        print('{"level": "ERROR", "message": "card declined", "order": 42}')
    else:
        print('{"level": "INFO", "message": "paid", "order": 41}')


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """CloudWatch Logs: a function's output, searched with filter patterns."""
    fn = cloud.lambda_.create_function("checkout", handler=_checkout)
    fn.invoke({"card": "ok"})
    fn.invoke({"card": "expired"})
    logs = cloud.client("logs")
    (stream,) = logs.describe_log_streams(logGroupName="/aws/lambda/checkout")["logStreams"]
    say(f"Lambda made /aws/lambda/checkout and the stream {stream['logStreamName']}.")
    found = logs.filter_log_events(
        logGroupName="/aws/lambda/checkout", filterPattern='{ $.level = "ERROR" }'
    )["events"]
    say(f'  filter {{ $.level = "ERROR" }} -> {[e["message"] for e in found]}')
    logs.put_retention_policy(logGroupName="/aws/lambda/checkout", retentionInDays=1)
    cloud.advance(2 * 86_400)
    left = cloud.logs.group("/aws/lambda/checkout").events()
    say(f"  retention 1 day, two days later: {len(left)} events left")
