"""DynamoDB export to S3 (docs/dynamodb-export.md): ExportTableToPointInTime,
DescribeExport, ListExports.

An export reads the table's point-in-time history (``_history.PitrHistory``) exactly as a
restore does: a full export is the table's content at ``ExportTime``; an incremental
export is each item changed between ``ExportFromTime`` and ``ExportToTime``, with its net
new (and old) image. The objects go through the S3 engine's public operations
(``put_object``), in AWS's layout::

    <prefix>/AWSDynamoDB/<ExportId>/_started
    <prefix>/AWSDynamoDB/<ExportId>/manifest-summary.json   (+ .checksum)
    <prefix>/AWSDynamoDB/<ExportId>/manifest-files.json     (+ .checksum)
    <prefix>/AWSDynamoDB/<ExportId>/data/<random>.json.gz   (.ion.gz for ION)

The export is IN_PROGRESS in the response; it completes (the objects are written) on the
Cloud's scheduler ``limits.export_seconds`` later, or at once when that is 0 (the
default), so a DescribeExport after the call already shows COMPLETED.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .._core.client import operation
from . import _ion
from ._backup_restore import epoch_of, when_text
from ._engine_base import EngineBase
from ._errors import (
    ExportConflictException,
    ExportNotFoundException,
    InvalidExportTimeException,
    LimitExceededException,
    PointInTimeRecoveryUnavailableException,
    ValidationException,
)
from ._history import PitrHistory, content_of
from ._storage import partition_hash
from ._types import item_to_wire

if TYPE_CHECKING:
    from ._backups import BackupOps

__all__ = [
    "ExportClientOps",
    "ExportOps",
    "item_from_json",
    "item_json",
    "s3_engine_of",
]

Params = dict[str, Any]

PITR_NOT_ENABLED = "Point in time recovery is not enabled for table '{name}'"
# [?] the wording of the refusals below is pyserverless's (AWS's text not observed).
EXPORT_TIME = (
    "ExportTime '{when}' must be within EarliestRestorableDateTime '{earliest}' and the "
    "current time '{now}'"
)
EXPORT_TIME_WITH_INCREMENTAL = "ExportTime cannot be specified with INCREMENTAL_EXPORT"
INCREMENTAL_NEEDS_SPEC = "IncrementalExportSpecification is required for INCREMENTAL_EXPORT"
SPEC_WITHOUT_INCREMENTAL = "IncrementalExportSpecification is only valid for INCREMENTAL_EXPORT"
INCREMENTAL_TIMES = "ExportFromTime and ExportToTime are required for INCREMENTAL_EXPORT"
INCREMENTAL_PERIOD = (
    "The period between ExportFromTime and ExportToTime must be between 15 minutes and 24 hours"
)
FROM_BEFORE_WINDOW = (
    "ExportFromTime '{when}' must be within EarliestRestorableDateTime '{earliest}' and "
    "the current time '{now}'"
)
TOKEN_MISMATCH = "There was a conflict when writing to the specified S3 bucket."
EXPORT_NOT_FOUND = "Export not found: {arn}"
KMS_REFUSED = "S3SseAlgorithm KMS is not emulated by pyserverless (use AES256)"
FILTER_REFUSED = "FilterSpecification is not emulated by pyserverless"
BAD_NEXT_TOKEN = "Invalid NextToken"

_FORMATS = ("DYNAMODB_JSON", "ION")
_TYPES = ("FULL_EXPORT", "INCREMENTAL_EXPORT")
_VIEWS = ("NEW_IMAGE", "NEW_AND_OLD_IMAGES")
_TOKEN_SECONDS = 8 * 3600.0


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _iso_ms(epoch: float) -> str:
    return _utc(epoch).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(epoch * 1000) % 1000:03d}Z"


# -- DynamoDB JSON in files (B as base64 text) ---------------------------------------------
def _b64(av: dict[str, Any]) -> dict[str, Any]:
    kind, v = next(iter(av.items()))
    if kind == "B":
        return {"B": base64.b64encode(v).decode("ascii")}
    if kind == "BS":
        return {"BS": [base64.b64encode(b).decode("ascii") for b in v]}
    if kind == "M":
        return {"M": {k: _b64(x) for k, x in v.items()}}
    if kind == "L":
        return {"L": [_b64(x) for x in v]}
    return av


def item_json(item: Mapping[str, Any]) -> dict[str, Any]:
    """A native item as the DynamoDB JSON of export files (binary as base64 text).

    >>> from decimal import Decimal
    >>> item_json({"id": "a", "n": Decimal(1), "b": b"hi"})
    {'id': {'S': 'a'}, 'n': {'N': '1'}, 'b': {'B': 'aGk='}}
    """
    return {k: _b64(av) for k, av in item_to_wire(item).items()}


def _unb64(av: Any) -> Any:
    if not isinstance(av, dict) or len(av) != 1:
        return av
    kind, v = next(iter(av.items()))
    if kind == "B" and isinstance(v, str):
        return {"B": base64.b64decode(v, validate=True)}
    if kind == "BS" and isinstance(v, list):
        return {"BS": [base64.b64decode(b, validate=True) if isinstance(b, str) else b for b in v]}
    if kind == "M" and isinstance(v, dict):
        return {"M": {k: _unb64(x) for k, x in v.items()}}
    if kind == "L" and isinstance(v, list):
        return {"L": [_unb64(x) for x in v]}
    return av


def item_from_json(item: Any) -> Any:
    """The inverse of ``item_json``'s base64 step: DynamoDB JSON with binary as bytes."""
    if not isinstance(item, dict):
        return item
    return {k: _unb64(av) for k, av in item.items()}


def page_token(arn: str) -> str:
    """A NextToken naming the next row: hex, a multiple of 16 digits, at least 112.

    >>> page_token("a")[:4], len(page_token("a"))
    ('6100', 112)
    >>> page_arn(page_token("arn:x"))
    'arn:x'
    """
    text = arn.encode().hex()
    size = max(112, -(-len(text) // 16) * 16)
    return text + "0" * (size - len(text))


def page_arn(token: Any) -> str | None:
    """The ARN a ``page_token`` names, or None for a token it did not make."""
    if not isinstance(token, str) or len(token) % 2:
        return None
    try:
        return bytes.fromhex(token).rstrip(b"\0").decode()
    except (ValueError, UnicodeDecodeError):
        return None


def s3_engine_of(cloud: Any, bucket: str) -> Any:
    """The S3 engine (of any Region built) holding ``bucket``, or None."""
    for region in cloud.regions_with("s3"):
        engine = cloud.engine("s3", region)
        if engine.bucket_region(bucket) is not None:
            return engine
    return None


# -- records ---------------------------------------------------------------------------------
@attrs.define(eq=False)
class Export:
    """One export: its description, and what its completion writes."""

    description: dict[str, Any]
    #: The request's members that make it the same request again (ClientToken idempotency).
    fingerprint: dict[str, Any]
    created: float
    #: The lines to write (native records), dropped once written.
    records: list[dict[str, Any]] | None
    region: str
    #: The data files' names under ``data/``, one per partition (26 lowercase letters
    #: and digits, AWS's look [?]).
    data_names: tuple[str, ...]
    #: The table's partition key: which partition's file a record goes to.
    hash_key: str


@attrs.define(eq=False)
class ExportRegistry:
    exports: dict[str, Export] = attrs.field(factory=dict)
    tokens: dict[str, str] = attrs.field(factory=dict)


# -- request parsing -------------------------------------------------------------------------
@attrs.frozen
class ExportPlan:
    table_arn: str
    bucket: str
    owner: str | None
    prefix: str | None
    sse: str
    format: str
    type: str
    export_time: float | None
    from_time: float | None
    to_time: float | None
    view: str
    token: str | None

    def fingerprint(self) -> dict[str, Any]:
        return {k: v for k, v in attrs.asdict(self).items() if k != "token"}


def _enum(value: Any, allowed: tuple[str, ...], path: str, default: str) -> str:
    if value is None:
        return default
    if value not in allowed:
        raise ValidationException(
            f"1 validation error detected: Value '{value}' at '{path}' failed to satisfy "
            f"constraint: Member must satisfy enum value set: [{', '.join(allowed)}]"
        )
    return str(value)


def parse_export(request: Mapping[str, Any]) -> ExportPlan:
    """The export a request asks for, checked (nothing is touched)."""
    table_arn = request.get("TableArn")
    bucket = request.get("S3Bucket")
    if not isinstance(table_arn, str) or not isinstance(bucket, str):
        missing = "tableArn" if not isinstance(table_arn, str) else "s3Bucket"
        raise ValidationException(
            f"1 validation error detected: Value null at '{missing}' failed to satisfy "
            "constraint: Member must not be null"
        )
    if request.get("FilterSpecification") is not None:
        raise ValidationException(FILTER_REFUSED)
    sse = _enum(request.get("S3SseAlgorithm"), ("AES256", "KMS"), "s3SseAlgorithm", "AES256")
    if sse == "KMS" or request.get("S3SseKmsKeyId") is not None:
        raise ValidationException(KMS_REFUSED)
    fmt = _enum(request.get("ExportFormat"), _FORMATS, "exportFormat", "DYNAMODB_JSON")
    kind = _enum(request.get("ExportType"), _TYPES, "exportType", "FULL_EXPORT")
    spec = request.get("IncrementalExportSpecification")
    when = request.get("ExportTime")
    export_time = None if when is None else epoch_of(when, "exportTime")
    from_time = to_time = None
    view = "NEW_AND_OLD_IMAGES"
    if kind == "FULL_EXPORT":
        if spec is not None:
            raise ValidationException(SPEC_WITHOUT_INCREMENTAL)
    else:
        if export_time is not None:
            raise ValidationException(EXPORT_TIME_WITH_INCREMENTAL)
        if not isinstance(spec, Mapping):
            raise ValidationException(INCREMENTAL_NEEDS_SPEC)
        if spec.get("ExportFromTime") is None or spec.get("ExportToTime") is None:
            raise ValidationException(INCREMENTAL_TIMES)
        from_time = epoch_of(spec["ExportFromTime"], "exportFromTime")
        to_time = epoch_of(spec["ExportToTime"], "exportToTime")
        if not 900.0 <= to_time - from_time <= 86400.0:
            raise ValidationException(INCREMENTAL_PERIOD)
        view = _enum(spec.get("ExportViewType"), _VIEWS, "exportViewType", view)
    prefix = request.get("S3Prefix")
    owner = request.get("S3BucketOwner")
    token = request.get("ClientToken")
    return ExportPlan(
        table_arn=table_arn,
        bucket=bucket,
        owner=owner if isinstance(owner, str) else None,
        prefix=prefix if isinstance(prefix, str) and prefix else None,
        sse=sse,
        format=fmt,
        type=kind,
        export_time=export_time,
        from_time=from_time,
        to_time=to_time,
        view=view,
        token=token if isinstance(token, str) else None,
    )


# -- what an export holds --------------------------------------------------------------------
def incremental_records(
    h: PitrHistory, live: Mapping[Any, Any], key_names: tuple[str, ...], plan: ExportPlan
) -> list[dict[str, Any]]:
    """One record per item changed in (from, to]: its keys, net new and old images."""
    assert plan.from_time is not None
    assert plan.to_time is not None
    before = h.content_at(live, plan.from_time)
    after = h.content_at(live, plan.to_time)
    last: dict[Any, float] = {
        key: time
        for time, key, _old, _size in h.log[h.start :]
        if plan.from_time < time <= plan.to_time
    }
    out = []
    for key, time in last.items():
        old = before.get(key)
        new = after.get(key)
        if old is None and new is None:
            continue
        if old is not None and new is not None and old[0] == new[0]:
            continue
        image = new[0] if new is not None else old[0]  # type: ignore[index]
        record: dict[str, Any] = {
            "Metadata": {"WriteTimestampMicros": Decimal(math.floor(time * 1_000_000))},
            "Keys": {n: image[n] for n in key_names},
        }
        if new is not None:
            record["NewImage"] = new[0]
        if old is not None and plan.view == "NEW_AND_OLD_IMAGES":
            record["OldImage"] = old[0]
        out.append(record)
    return out


def _json_line(record: Mapping[str, Any]) -> str:
    out: dict[str, Any] = {}
    for k, v in record.items():
        if k == "Metadata":
            out[k] = {"WriteTimestampMicros": {"N": str(v["WriteTimestampMicros"])}}
        else:
            out[k] = item_json(v)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def data_file(records: list[dict[str, Any]], fmt: str) -> bytes:
    """The gzip JSON Lines (or Ion text lines) of an export's data file."""
    if fmt == "ION":
        lines = [_ion.dumps_line(r) for r in records]
    else:
        lines = [_json_line(r) for r in records]
    text = "".join(line + "\n" for line in lines)
    return gzip.compress(text.encode("utf-8"), mtime=0)


class ExportOps(EngineBase):
    """The engine's export operations (mixed into ``DynamoDB``)."""

    def _export_registry(self) -> ExportRegistry:
        registry: ExportRegistry | None = self.__dict__.get("_exports")
        if registry is None:
            registry = self.__dict__["_exports"] = ExportRegistry()
        return registry

    def export_table_to_point_in_time(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ExportTableToPointInTime: the table at a time (or its changes) into S3."""
        plan = parse_export(request)
        now = self.cloud.clock.time()
        backups: BackupOps = self  # type: ignore[assignment]
        with self.lock:
            registry = self._export_registry()
            if plan.token is not None:
                found = self._by_token(registry, plan, now)
                if found is not None:
                    return {"ExportDescription": _described(found)}
            t = backups._source_table(plan.table_arn)
            h: PitrHistory | None = t.pitr
            if h is None:
                raise PointInTimeRecoveryUnavailableException(PITR_NOT_ENABLED.format(name=t.name))
            earliest, _latest = backups._window(h, now)
            live = content_of(t.store)
            if plan.type == "FULL_EXPORT":
                instant = now if plan.export_time is None else plan.export_time
                if not earliest <= instant <= now:
                    raise InvalidExportTimeException(
                        EXPORT_TIME.format(
                            when=when_text(instant),
                            earliest=when_text(earliest),
                            now=when_text(now),
                        )
                    )
                records = [{"Item": e[0]} for e in h.content_at(live, instant).values()]
            else:
                assert plan.from_time is not None
                assert plan.to_time is not None
                if plan.from_time < earliest or plan.to_time > now:
                    raise InvalidExportTimeException(
                        FROM_BEFORE_WINDOW.format(
                            when=when_text(plan.from_time),
                            earliest=when_text(earliest),
                            now=when_text(now),
                        )
                    )
                instant = plan.to_time
                records = incremental_records(h, live, t.key_names, plan)
            running = sum(
                1
                for e in registry.exports.values()
                if e.description["ExportStatus"] == "IN_PROGRESS"
            )
            if running >= self.limits.max_concurrent_exports:
                raise LimitExceededException(
                    f"There are too many concurrent exports ({self.limits.max_concurrent_exports})"
                )
            export = self._new_export(
                plan, t.arn, t.table_id, now, instant, records, t.key_names[0]
            )
            registry.exports[export.description["ExportArn"]] = export
            if plan.token is not None:
                registry.tokens[plan.token] = export.description["ExportArn"]
            response = {"ExportDescription": _described(export)}
        if self.limits.export_seconds > 0:
            self.cloud.scheduler.call_later(
                self.limits.export_seconds,
                self._finish_export,
                export.description["ExportArn"],
                name="dynamodb export",
            )
        else:
            self._finish_export(export.description["ExportArn"])
        return response

    def _by_token(self, registry: ExportRegistry, plan: ExportPlan, now: float) -> Export | None:
        arn = registry.tokens.get(plan.token or "")
        if arn is None:
            return None
        export = registry.exports[arn]
        if now - export.created > _TOKEN_SECONDS:
            del registry.tokens[plan.token or ""]
            return None
        if export.fingerprint != plan.fingerprint():
            raise ExportConflictException(TOKEN_MISMATCH)
        return export

    def _new_export(
        self,
        plan: ExportPlan,
        table_arn: str,
        table_id: str,
        now: float,
        instant: float,
        records: list[dict[str, Any]],
        hash_key: str,
    ) -> Export:
        ms = math.floor(now * 1000)
        export_id = f"{ms:014d}-{self.cloud.ids.hex(8)}"
        d: dict[str, Any] = {
            "ExportArn": f"{table_arn}/export/{export_id}",
            "ExportStatus": "IN_PROGRESS",
            "StartTime": _utc(now),
            "TableArn": table_arn,
            "TableId": table_id,
            "ExportTime": _utc(instant),
            "S3Bucket": plan.bucket,
            "S3SseAlgorithm": plan.sse,
            "ExportFormat": plan.format,
            "ExportType": plan.type,
        }
        if plan.token is not None:
            d["ClientToken"] = plan.token
        if plan.owner is not None:
            d["S3BucketOwner"] = plan.owner
        if plan.prefix is not None:
            d["S3Prefix"] = plan.prefix
        if plan.type == "INCREMENTAL_EXPORT":
            assert plan.from_time is not None
            assert plan.to_time is not None
            d["IncrementalExportSpecification"] = {
                "ExportFromTime": _utc(plan.from_time),
                "ExportToTime": _utc(plan.to_time),
                "ExportViewType": plan.view,
            }
        return Export(
            description=d,
            fingerprint=plan.fingerprint(),
            created=now,
            records=records,
            region=self.region,
            data_names=tuple(
                self.cloud.ids.alnum(26).lower()
                for _ in range(max(1, self.limits.export_partitions))
            ),
            hash_key=hash_key,
        )

    def _finish_export(self, arn: str) -> None:
        """Write the export's objects and mark it COMPLETED (or FAILED)."""
        with self.lock:
            export = self._export_registry().exports.get(arn)
            if export is None or export.records is None:
                return
            records, export.records = export.records, None
            d = export.description
        now = self.cloud.clock.time()
        s3 = s3_engine_of(self.cloud, d["S3Bucket"])
        failure = None
        written: dict[str, Any] = {}
        if s3 is None:
            failure = ("S3NoSuchBucket", "The specified bucket does not exist")
        elif d.get("S3BucketOwner") not in (None, self.cloud.account_id):
            failure = ("S3AccessDenied", "Access Denied")
        if failure is None:
            try:
                files = _partitioned(records, export.hash_key, len(export.data_names))
                written = _write_export(s3, d, files, export.data_names, now)
            except Exception as err:  # an S3 refusal: the export fails as AWS's does
                failure = ("S3Failure", str(err))
        with self.lock:
            d.update(written)
            d["EndTime"] = _utc(now)
            if failure is not None:
                d["ExportStatus"] = "FAILED"
                d["FailureCode"], d["FailureMessage"] = failure
            else:
                d["ExportStatus"] = "COMPLETED"

    def describe_export(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeExport: one export's description."""
        arn = request.get("ExportArn")
        with self.lock:
            export = self._export_registry().exports.get(arn) if isinstance(arn, str) else None
            if export is None:
                raise ExportNotFoundException(EXPORT_NOT_FOUND.format(arn=arn))
            return {"ExportDescription": _described(export)}

    def list_exports(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ListExports: summaries of the region's exports, oldest first, paged."""
        table_arn = request.get("TableArn")
        limit = request.get("MaxResults") or 25
        token = request.get("NextToken")
        with self.lock:
            arns = [
                a
                for a, e in self._export_registry().exports.items()
                if table_arn is None or e.description["TableArn"] == table_arn
            ]
            start = 0
            if token is not None:
                after = page_arn(token)
                if after not in arns:
                    raise ValidationException(BAD_NEXT_TOKEN)
                start = arns.index(after)
            page = arns[start : start + limit]
            rows = []
            for a in page:
                d = self._export_registry().exports[a].description
                rows.append(
                    {
                        "ExportArn": a,
                        "ExportStatus": d["ExportStatus"],
                        "ExportType": d["ExportType"],
                    }
                )
        out: dict[str, Any] = {"ExportSummaries": rows}
        if start + limit < len(arns):
            out["NextToken"] = page_token(arns[start + limit])
        return out


def _described(export: Export) -> dict[str, Any]:
    return dict(export.description)


def _partitioned(
    records: list[dict[str, Any]], hash_key: str, partitions: int
) -> list[list[dict[str, Any]]]:
    """The records of each partition's data file, in partition order: partition ``i`` of
    ``n`` holds the partition keys whose hash lies in ``[i * 2**32 // n, (i+1) * 2**32 // n)``
    (the parallel-scan segments' split), each file in that hash order."""
    keyed = sorted(
        (
            (partition_hash((r.get("Keys") or r.get("Item") or {})[hash_key]), i, r)
            for i, r in enumerate(records)
        ),
        key=lambda t: (t[0], t[1]),
    )
    files: list[list[dict[str, Any]]] = [[] for _ in range(partitions)]
    for hashed, _i, record in keyed:
        files[hashed * partitions >> 32].append(record)
    return files


def _write_export(
    s3: Any,
    d: dict[str, Any],
    files: list[list[dict[str, Any]]],
    data_names: tuple[str, ...],
    now: float,
) -> dict[str, Any]:
    """Put the export's objects: _started, a data file per partition (an empty
    partition's too, as AWS writes it), the manifests and checksums. Returns the
    description's members the export learns (counts, manifest)."""
    bucket = d["S3Bucket"]
    export_id = d["ExportArn"].rsplit("/", 1)[-1]
    head = f"{d['S3Prefix']}/" if d.get("S3Prefix") else ""
    base = f"{head}AWSDynamoDB/{export_id}/"

    def put(key: str, body: bytes) -> str:
        out = s3.put_object({"Bucket": bucket, "Key": key, "Body": body})
        return str(out["ETag"]).strip('"')

    put(base + "_started", b"")
    ext = "ion" if d["ExportFormat"] == "ION" else "json"
    lines = []
    for part, data_name in zip(files, data_names, strict=True):
        data_key = f"{base}data/{data_name}.{ext}.gz"
        body = data_file(part, d["ExportFormat"])
        etag = put(data_key, body)
        md5 = base64.b64encode(hashlib.md5(body).digest()).decode("ascii")
        line = {"itemCount": len(part), "md5Checksum": md5, "etag": etag, "dataFileS3Key": data_key}
        lines.append(json.dumps(line, separators=(",", ":")) + "\n")
    manifest = "".join(lines).encode()
    put(base + "manifest-files.json", manifest)
    put(base + "manifest-files.checksum", hashlib.md5(manifest).hexdigest().encode())
    records = [record for part in files for record in part]
    billed = sum(
        len(json.dumps(item_json(r.get("Item") or r.get("NewImage") or {}))) for r in records
    )
    summary = {
        "version": "2020-06-30" if d["ExportType"] == "FULL_EXPORT" else "2023-08-01",
        "exportArn": d["ExportArn"],
        "startTime": _iso_ms(d["StartTime"].timestamp()),
        "endTime": _iso_ms(now),
        "tableArn": d["TableArn"],
        "tableId": d["TableId"],
        "exportTime": _iso_ms(d["ExportTime"].timestamp()),
        "s3Bucket": bucket,
        "s3Prefix": d.get("S3Prefix"),
        "s3SseAlgorithm": d["S3SseAlgorithm"],
        "s3SseKmsKeyId": None,
        "manifestFilesS3Key": base + "manifest-files.json",
        "billedSizeBytes": billed,
        "itemCount": len(records),
        "outputFormat": d["ExportFormat"],
        "exportType": d["ExportType"],
    }
    text = json.dumps(summary, separators=(",", ":")).encode()
    put(base + "manifest-summary.json", text)
    put(base + "manifest-summary.checksum", hashlib.md5(text).hexdigest().encode())
    return {
        "ItemCount": len(records),
        "BilledSizeBytes": billed,
        "ExportManifest": base + "manifest-summary.json",
    }


class ExportClientOps:
    """The client's export operations (mixed into ``DynamoDBClient``)."""

    if TYPE_CHECKING:
        _engine: ExportOps

    @operation("ExportTableToPointInTime")
    def export_table_to_point_in_time(self, params: Params) -> dict[str, Any]:
        """Export a table (at a time, or its changes over a period) into an S3 bucket.

        ExportTableToPointInTime. Required: ``TableArn``, ``S3Bucket``. Often used:
        ``ExportTime``, ``S3Prefix``, ``ExportFormat`` (``DYNAMODB_JSON`` or ``ION``),
        ``ExportType`` with ``IncrementalExportSpecification``, ``ClientToken``. Needs
        point-in-time recovery. Returns ``ExportDescription`` (``ExportArn``, status
        ``IN_PROGRESS``).
        """
        return self._engine.export_table_to_point_in_time(params)

    @operation("DescribeExport")
    def describe_export(self, params: Params) -> dict[str, Any]:
        """Describe one export: its status, item count, manifest key and times.

        DescribeExport. Required: ``ExportArn``. Returns ``ExportDescription``.
        """
        return self._engine.describe_export(params)

    @operation("ListExports")
    def list_exports(self, params: Params) -> dict[str, Any]:
        """List the exports of the Region, or of one table.

        ListExports. Optional: ``TableArn``, ``MaxResults``, ``NextToken``. Returns
        ``ExportSummaries`` (``ExportArn``, ``ExportStatus``, ``ExportType``) and
        ``NextToken`` when more remain.
        """
        return self._engine.list_exports(params)
