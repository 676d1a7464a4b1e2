"""A state machine over rules and targets against a plain model, with the engine's
``_check()`` as an invariant and hourly schedules counted on the clock."""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pyserverless import Cloud, ManualClock
from pyserverless.events import ResourceNotFoundException, ValidationException

NAMES = st.sampled_from(["a", "b", "c"])
TARGETS = st.sampled_from(["t1", "t2"])
ARN = "arn:aws:lambda:us-east-1:123456789012:function:nobody"
START = 1_717_200_000  # a top of the hour


class Rules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud(clock=ManualClock(START))
        self.events = self.cloud.client("events")
        #: name -> [enabled, scheduled, targets, expected firings]
        self.model: dict[str, list[Any]] = {}

    @rule(name=NAMES, scheduled=st.booleans(), enabled=st.booleans())
    def put_rule(self, name: str, scheduled: bool, enabled: bool) -> None:
        kind = (
            {"ScheduleExpression": "cron(0 * * * ? *)"}
            if scheduled
            else {"EventPattern": '{"source": ["x"]}'}
        )
        state = "ENABLED" if enabled else "DISABLED"
        self.events.put_rule(Name=name, State=state, **kind)
        old = self.model.get(name)
        targets = old[2] if old else set()
        firings = 0  # a replaced rule is a new rule: its count starts again
        self.model[name] = [enabled, scheduled, targets, firings]

    @rule(name=NAMES, tid=TARGETS)
    def put_target(self, name: str, tid: str) -> None:
        try:
            self.events.put_targets(Rule=name, Targets=[{"Id": tid, "Arn": ARN}])
        except ResourceNotFoundException:
            assert name not in self.model
            return
        self.model[name][2].add(tid)

    @rule(name=NAMES, tid=TARGETS)
    def remove_target(self, name: str, tid: str) -> None:
        try:
            self.events.remove_targets(Rule=name, Ids=[tid])
        except ResourceNotFoundException:
            assert name not in self.model
            return
        self.model[name][2].discard(tid)

    @rule(name=NAMES, enabled=st.booleans())
    def toggle(self, name: str, enabled: bool) -> None:
        call = self.events.enable_rule if enabled else self.events.disable_rule
        try:
            call(Name=name)
        except ResourceNotFoundException:
            assert name not in self.model
            return
        self.model[name][0] = enabled

    @rule(name=NAMES)
    def delete(self, name: str) -> None:
        try:
            self.events.delete_rule(Name=name)
        except ValidationException:
            assert self.model[name][2]
            return
        assert name not in self.model or not self.model[name][2]
        self.model.pop(name, None)

    @rule(steps=st.integers(1, 8))
    def advance(self, steps: int) -> None:
        """Move 20 minutes at a time; each top of the hour fires the enabled schedules."""
        for _ in range(steps):
            before = self.cloud.clock.time()
            self.cloud.advance(1200)
            if int(self.cloud.clock.time()) // 3600 > int(before) // 3600:
                for entry in self.model.values():
                    if entry[0] and entry[1]:
                        entry[3] += 1

    @invariant()
    def agrees(self) -> None:
        engine = self.cloud.engine("events")
        engine._check()
        rules = {r["Name"]: r for r in self.events.list_rules()["Rules"]}
        assert set(rules) == set(self.model)
        for name, (enabled, scheduled, targets, firings) in self.model.items():
            assert rules[name]["State"] == ("ENABLED" if enabled else "DISABLED")
            assert ("ScheduleExpression" in rules[name]) == scheduled
            listed = self.events.list_targets_by_rule(Rule=name)["Targets"]
            assert {t["Id"] for t in listed} == targets
            assert engine.buses["default"].rules[name].firings == firings


Rules.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestRules = Rules.TestCase
