"""A state machine against a plain model: batches of events written, read back page by
page in both directions, filtered, and expired by retention as the clock moves."""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from pyserverless import Cloud, ManualClock

NOON = 1_711_368_000.0  # 2024-03-25 12:00 UTC
DAY_MS = 86_400_000
WORDS = ["ERROR", "WARN", "INFO", "db", "timeout"]


class LogsMachine(RuleBasedStateMachine):
    """The model: per stream, a list of (timestamp, arrival, message); a retention."""

    @initialize()
    def start(self) -> None:
        self.cloud = Cloud(clock=ManualClock(NOON))
        self.logs = self.cloud.client("logs")
        self.logs.create_log_group(logGroupName="/g")
        self.model: dict[str, list[tuple[int, int, str]]] = {}
        self.arrival = 0
        self.retention: int | None = None
        #: When the retention sweep runs next (seconds), None when none is pending.
        self.next_sweep: float | None = None
        for name in ("a", "b"):
            self.logs.create_log_stream(logGroupName="/g", logStreamName=name)
            self.model[name] = []

    def now_ms(self) -> int:
        return int(self.cloud.clock.time() * 1000)

    @rule(
        stream=st.sampled_from(["a", "b"]),
        # Near a day old (where a 1-day retention bites as the clock moves) or anywhere.
        offsets=st.lists(
            st.integers(-DAY_MS - 7_200_000, -DAY_MS + 7_200_000)
            | st.integers(-3 * DAY_MS, 60_000),
            min_size=1,
            max_size=6,
        ),
        words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    )
    def put(self, stream: str, offsets: list[int], words: list[str]) -> None:
        now = self.now_ms()
        stamps = sorted(now + o for o in offsets)
        if stamps[-1] - stamps[0] > DAY_MS:  # keep within the 24-hour span
            stamps = [t for t in stamps if t >= stamps[-1] - DAY_MS]
        messages = [f"{words[i % len(words)]} #{self.arrival + i}" for i in range(len(stamps))]
        events = [{"timestamp": t, "message": m} for t, m in zip(stamps, messages, strict=True)]
        out = self.logs.put_log_events(logGroupName="/g", logStreamName=stream, logEvents=events)
        rejected = out.get("rejectedLogEventsInfo", {})
        start = rejected.get("expiredLogEventEndIndex", 0)
        kept_from = now - self.retention * DAY_MS if self.retention else None
        for index, (stamp, message) in enumerate(zip(stamps, messages, strict=True)):
            expired = kept_from is not None and stamp < kept_from
            assert (index < start) == expired
            if not expired:
                self.arrival += 1
                self.model[stream].append((stamp, self.arrival, message))

    @rule(days=st.sampled_from([1, 3]))
    def set_retention(self, days: int) -> None:
        self.logs.put_retention_policy(logGroupName="/g", retentionInDays=days)
        self.retention = days
        if self.next_sweep is None:
            self.next_sweep = self.cloud.clock.time() + 3600

    @rule()
    def drop_retention(self) -> None:
        self.logs.delete_retention_policy(logGroupName="/g")
        self.retention = None

    @rule(hours=st.integers(1, 5) | st.integers(1, 30))
    def advance(self, hours: int) -> None:
        end = self.cloud.clock.time() + hours * 3600
        self.cloud.advance(hours * 3600)
        # The model's sweeps: hourly from the policy, removing what is older than the
        # retention at each sweep's time; with no policy left, the sweeps stop.
        while self.next_sweep is not None and self.next_sweep <= end:
            if self.retention is None:
                self.next_sweep = None
                break
            cutoff = int(self.next_sweep * 1000) - self.retention * DAY_MS
            for stream, rows in self.model.items():
                self.model[stream] = [r for r in rows if r[0] >= cutoff]
            self.next_sweep += 3600

    def _read(self, stream: str, *, head: bool, limit: int) -> list[str]:
        params: dict[str, Any] = {"logGroupName": "/g", "logStreamName": stream, "limit": limit}
        page = self.logs.get_log_events(startFromHead=head, **params)
        out = [e["message"] for e in page["events"]]
        key = "nextForwardToken" if head else "nextBackwardToken"
        while True:
            token = page[key]
            page = self.logs.get_log_events(nextToken=token, **params)
            if not page["events"]:
                assert page[key] == token
                return out
            got = [e["message"] for e in page["events"]]
            out = out + got if head else got + out

    @rule(stream=st.sampled_from(["a", "b"]), limit=st.integers(1, 4))
    def page_both_ways(self, stream: str, limit: int) -> None:
        expected = [m for _, _, m in sorted(self.model[stream])]
        assert self._read(stream, head=True, limit=limit) == expected
        assert self._read(stream, head=False, limit=limit) == expected

    @rule(word=st.sampled_from(WORDS))
    def filter_a_term(self, word: str) -> None:
        rows = sorted((t, s, a, m) for s, rs in self.model.items() for t, a, m in rs if word in m)
        got = self.logs.filter_log_events(logGroupName="/g", filterPattern=word)["events"]
        assert sorted(e["message"] for e in got) == sorted(m for *_, m in rows)
        times = [e["timestamp"] for e in got]
        assert times == sorted(times)

    @invariant()
    def stores_hold(self) -> None:
        for stream in self.cloud.engine("logs").groups["/g"].streams.values():
            stream._check()


LogsMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestLogs = LogsMachine.TestCase
