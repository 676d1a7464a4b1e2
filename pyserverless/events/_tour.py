"""The EventBridge stop of ``pyserverless tour``: a Lambda function every hour."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


class _Clock:
    """A handler that records when it ran and what it was told."""

    def __init__(self) -> None:
        self.times: list[str] = []

    def __call__(self, event: dict[str, Any], context: Any) -> None:
        self.times.append(event["time"])


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """EventBridge: a rule that triggers a Lambda function every hour, and event patterns."""
    handler = _Clock()
    fn = cloud.lambda_.create_function("tour-hourly", handler=handler)
    rule = cloud.events.schedule("tour-hourly", "cron(0 * * * ? *)", fn)
    say(f"Created {rule!r}.")
    say(f"  it is {cloud.now().isoformat()}; advancing the clock one day ...")
    cloud.advance(24 * 3600)
    first, last = handler.times[0], handler.times[-1]
    say(f"  the function ran {len(handler.times)} times: {first} ... {last}")
    events = cloud.client("events")
    pattern = '{"source": ["shop"], "detail": {"total": [{"numeric": [">", 100]}]}}'
    event = (
        '{"id": "1", "account": "123456789012", "source": "shop", "time": "2024-01-01T00:00:00Z",'
        ' "region": "us-east-1", "resources": [], "detail-type": "Order", "detail": {"total": 250}}'
    )
    result = events.test_event_pattern(EventPattern=pattern, Event=event)["Result"]
    say(f"  TestEventPattern {pattern} on an order of 250 -> {result}")
