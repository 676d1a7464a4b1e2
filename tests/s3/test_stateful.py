"""A state machine: puts, copies, deletes, versioning changes and version deletes, checked
against a plain model of S3's versioning rules, with the bucket's ``_check()`` as an
invariant."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pyserverless import Cloud, ManualClock

KEYS = st.sampled_from(["a", "b", "c/d"])
BODIES = st.binary(max_size=8)


class S3Machine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cloud = Cloud(clock=ManualClock(), limits={"s3": {"spill_bytes": 4}})
        self.s3 = self.cloud.client("s3")
        self.s3.create_bucket(Bucket="state")
        #: key -> versions newest first: (version id, body or None for a delete marker)
        self.model: dict[str, list[tuple[str, bytes | None]]] = {}
        self.status = ""

    def _add(self, key: str, vid: str, body: bytes | None) -> None:
        rows = self.model.setdefault(key, [])
        if vid == "null":
            rows[:] = [r for r in rows if r[0] != "null"]
        rows.insert(0, (vid, body))

    def _vid(self, answer: dict[str, Any]) -> str:
        return str(answer.get("VersionId", "null")) if self.status == "Enabled" else "null"

    @rule(key=KEYS, body=BODIES)
    def put(self, key: str, body: bytes) -> None:
        self._add(key, self._vid(self.s3.put_object(Bucket="state", Key=key, Body=body)), body)

    @rule(src=KEYS, dst=KEYS)
    def copy(self, src: str, dst: str) -> None:
        rows = self.model.get(src)
        if not rows or rows[0][1] is None or src == dst:
            return
        out = self.s3.copy_object(Bucket="state", Key=dst, CopySource=f"state/{src}")
        self._add(dst, self._vid(out), rows[0][1])

    @rule(key=KEYS)
    def delete(self, key: str) -> None:
        out = self.s3.delete_object(Bucket="state", Key=key)
        if not self.status:
            self.model.pop(key, None)
        else:
            self._add(key, str(out["VersionId"]), None)

    @rule(key=KEYS, index=st.integers(0, 3))
    def delete_version(self, key: str, index: int) -> None:
        rows = self.model.get(key, [])
        if index >= len(rows):
            return
        vid = rows[index][0]
        self.s3.delete_object(Bucket="state", Key=key, VersionId=vid)
        del rows[index]
        if not rows:
            del self.model[key]

    @rule(status=st.sampled_from(["Enabled", "Suspended"]))
    def versioning(self, status: str) -> None:
        self.s3.put_bucket_versioning(Bucket="state", VersioningConfiguration={"Status": status})
        self.status = status

    @invariant()
    def agrees(self) -> None:
        bucket = self.cloud.engine("s3").buckets["state"]
        bucket._check()
        live = {k: rows[0][1] for k, rows in self.model.items() if rows[0][1] is not None}
        listed = self.s3.list_objects_v2(Bucket="state").get("Contents", [])
        assert [c["Key"] for c in listed] == sorted(live)
        for key, body in live.items():
            assert self.s3.get_object(Bucket="state", Key=key)["Body"].read() == body
        versions = self.s3.list_object_versions(Bucket="state")
        seen = {(v["Key"], v["VersionId"]) for v in versions.get("Versions", [])}
        seen |= {(m["Key"], m["VersionId"]) for m in versions.get("DeleteMarkers", [])}
        assert seen == {(k, vid) for k, rows in self.model.items() for vid, _ in rows}

    def teardown(self) -> None:
        self.cloud.close()


S3Machine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=list(HealthCheck)
)
TestS3Machine = S3Machine.TestCase
