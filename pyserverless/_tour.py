"""``pyserverless tour``: a short, runnable walk through every service, printing as it goes.

Each service adds one step: a function ``tour(cloud, say)`` named in ``STEPS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ._core.clock import ManualClock
from .cloud import Cloud

Say = Callable[[str], None]

#: The tour's stops, in order: "module:function". A service adds its line here.
STEPS: tuple[str, ...] = (
    "pyserverless._tour:core",
    "pyserverless.dynamo._tour:tour",
    "pyserverless.dynamo._tour_global:tour",
    "pyserverless.cognito._tour:tour",
    "pyserverless.iam._tour:tour",
    "pyserverless.lambda_._tour:tour",
    "pyserverless.lambda_._tour_urls:tour",
    "pyserverless.logs._tour:tour",
    "pyserverless.gateway._tour:tour",
    "pyserverless.s3._tour:tour",
    "pyserverless.s3._tour_thumbnail:tour",
    "pyserverless.events._tour:tour",
    "pyserverless.cdn._tour:tour",
    "pyserverless.sqs._tour:tour",
    "pyserverless.lambda_._esm_tour:tour",
)


def core(cloud: Cloud, say: Say) -> None:
    """Virtual time, the scheduler and seeded ids."""
    say(f"{cloud!r}")
    say(f"It is {cloud.now().isoformat()} on the Cloud's ManualClock.")
    fired: list[str] = []
    cloud.scheduler.call_later(30, lambda: fired.append(cloud.now().isoformat()))
    say("Scheduled a task 30 s ahead; advancing the clock 60 s ...")
    cloud.advance(60)
    say(f"  the task ran at {fired[0]}; it is now {cloud.now().isoformat()}")
    twin = Cloud(clock=ManualClock(), seed=cloud.seed)
    say(
        f"Ids come from the seed: {cloud.ids.uuid()} here, {twin.ids.uuid()} in a twin Cloud "
        f"with the same seed."
    )


def run(say: Say = print, *, seed: int = 0) -> Cloud:
    """Run every step of the tour on one Cloud and return it."""
    cloud = Cloud(clock=ManualClock(), seed=seed)
    for index, step in enumerate(STEPS, 1):
        module, _, name = step.partition(":")
        fn = getattr(importlib.import_module(module), name)
        title = (fn.__doc__ or name).strip().splitlines()[0]
        say(f"\n== {index}. {title}")
        fn(cloud, say)
    say("\nThat was the tour. Next: README.md, and docs/ for each service.")
    return cloud
