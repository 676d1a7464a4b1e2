"""DynamoDB import from S3 (docs/dynamodb-export.md): ImportTable, DescribeImport,
ListImports, and the import's error log (``import_errors``).

An import reads every object under ``S3BucketSource``'s prefix through the S3 engine's
public operations (``list_objects_v2``, ``get_object``), decompresses it (GZIP, or ZSTD
with the ``zstd`` extra), parses it (CSV, DynamoDB JSON lines, or Ion) and loads the good
items into a new table made by CreateTable from ``TableCreationParameters``. A line that
is not an item of the table (bad syntax, a missing or mistyped key, an item over 400 KB)
is counted in ``ErrorCount`` and logged, as CloudWatch Logs would hold it; the rest is
imported. Two lines with one key: the later one wins.

The import is IN_PROGRESS in the response and COMPLETED ``limits.import_seconds`` later
on the Cloud's scheduler (at once when 0, the default). The items are loaded when the
request is made.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs

from .._core.client import operation
from . import _ion
from ._backup_restore import fill
from ._create_table import parse_create_table
from ._engine_base import EngineBase
from ._errors import (
    DynamoDBError,
    ImportConflictException,
    ImportNotFoundException,
    LimitExceededException,
    ResourceInUseException,
    ValidationException,
)
from ._exports import item_from_json, page_arn, page_token, s3_engine_of
from ._numbers import parse_number
from ._table import TableState
from ._types import item_from_wire_sized, item_to_wire, validate_key_value

__all__ = ["ImportClientOps", "ImportOps"]

Params = dict[str, Any]

IMPORT_NOT_FOUND = "Import not found: {arn}"
TABLE_EXISTS = "Table already exists: {name}"
# [?] pyserverless's wording.
ZSTD_EXTRA = (
    "InputCompressionType ZSTD needs the zstandard package: pip install 'pyserverless[zstd]'"
)
TOKEN_MISMATCH = "There was a conflict when importing from the specified S3 source."
CSV_OPTIONS_ONLY_CSV = "InputFormatOptions is only valid for the CSV InputFormat"
_FORMATS = ("CSV", "DYNAMODB_JSON", "ION")
_COMPRESSIONS = ("GZIP", "ZSTD", "NONE")
_TOKEN_SECONDS = 8 * 3600.0


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _enum(value: Any, allowed: tuple[str, ...], path: str, default: str | None) -> str:
    if value is None and default is not None:
        return default
    if value not in allowed:
        raise ValidationException(
            f"1 validation error detected: Value '{value}' at '{path}' failed to satisfy "
            f"constraint: Member must satisfy enum value set: [{', '.join(allowed)}]"
        )
    return str(value)


@attrs.frozen
class ImportPlan:
    bucket: str
    owner: str | None
    prefix: str
    format: str
    compression: str
    delimiter: str
    header: tuple[str, ...] | None
    create: dict[str, Any]
    source: dict[str, Any]
    options: dict[str, Any] | None
    token: str | None

    def fingerprint(self) -> dict[str, Any]:
        return {k: v for k, v in attrs.asdict(self).items() if k != "token"}


def parse_import(request: Mapping[str, Any], limits: Any, now: datetime) -> ImportPlan:
    """The import a request asks for, checked (the table's definition by CreateTable's parser)."""
    source = request.get("S3BucketSource")
    if not isinstance(source, Mapping) or not isinstance(source.get("S3Bucket"), str):
        raise ValidationException(
            "1 validation error detected: Value null at 's3BucketSource.s3Bucket' failed to "
            "satisfy constraint: Member must not be null"
        )
    fmt = _enum(request.get("InputFormat"), _FORMATS, "inputFormat", None)
    compression = _enum(
        request.get("InputCompressionType"), _COMPRESSIONS, "inputCompressionType", "NONE"
    )
    if compression == "ZSTD":
        try:
            import zstandard  # noqa: F401
        except ImportError:
            raise ValidationException(ZSTD_EXTRA) from None
    options = request.get("InputFormatOptions")
    delimiter, header = ",", None
    if options is not None:
        if fmt != "CSV":
            raise ValidationException(CSV_OPTIONS_ONLY_CSV)
        csv_options = options.get("Csv") if isinstance(options, Mapping) else None
        if isinstance(csv_options, Mapping):
            delimiter = csv_options.get("Delimiter") or ","
            if csv_options.get("HeaderList") is not None:
                header = tuple(csv_options["HeaderList"])
    create = request.get("TableCreationParameters")
    if not isinstance(create, Mapping):
        raise ValidationException(
            "1 validation error detected: Value null at 'tableCreationParameters' failed to "
            "satisfy constraint: Member must not be null"
        )
    if create.get("VectorIndexes") is not None:
        raise ValidationException("VectorIndexes is not emulated by pyserverless")
    parse_create_table(dict(create), limits=limits, now=now)
    token = request.get("ClientToken")
    return ImportPlan(
        bucket=source["S3Bucket"],
        owner=source.get("S3BucketOwner"),
        prefix=source.get("S3KeyPrefix") or "",
        format=fmt,
        compression=compression,
        delimiter=delimiter,
        header=header,
        create=dict(create),
        source=dict(source),
        options=None if options is None else dict(options),
        token=token if isinstance(token, str) else None,
    )


# -- reading the source ----------------------------------------------------------------------
def _decompress(body: bytes, compression: str) -> bytes:
    if compression == "GZIP":
        return gzip.decompress(body)
    if compression == "ZSTD":
        import zstandard

        out: bytes = zstandard.ZstdDecompressor().decompressobj().decompress(body)
        return out
    return body


def _typed(text: str, kind: str) -> Any:
    if kind == "N":
        return parse_number(text)[0]
    if kind == "B":
        import base64

        return base64.b64decode(text, validate=True)
    return text


def _csv_items(text: str, plan: ImportPlan, types: Mapping[str, str]) -> list[Any]:
    """Each CSV row as a native item: every value a string but declared key attributes."""
    rows = list(csv.reader(io.StringIO(text), delimiter=plan.delimiter))
    header = plan.header
    if header is None:
        if not rows:
            return []
        header, rows = tuple(rows[0]), rows[1:]
    out: list[Any] = []
    for row in rows:
        if not row:
            continue
        if len(row) > len(header):
            out.append(ValueError("The row has more values than the header has names"))
            continue
        try:
            item = {
                name: _typed(value, types.get(name, "S"))
                for name, value in zip(header, row, strict=False)
                if value != "" or name in types
            }
        except (DynamoDBError, ValueError) as err:
            out.append(err)
            continue
        out.append(item)
    return out


def _json_items(text: str) -> list[Any]:
    out: list[Any] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            wire = record["Item"] if isinstance(record, dict) else None
            if not isinstance(wire, dict):
                raise ValueError("A line must be an object with an Item member")
            out.append(item_from_wire_sized(item_from_json(wire)))
        except (ValueError, KeyError, DynamoDBError, TypeError) as err:
            out.append(err)
    return out


def _ion_items(text: str) -> list[Any]:
    try:
        values = _ion.loads_values(text)
    except _ion.IonError as err:
        return [err]
    out: list[Any] = []
    for v in values:
        item = v.get("Item") if isinstance(v, dict) else None
        if isinstance(item, dict):
            out.append(item)
        else:
            out.append(ValueError("A value must be a struct with an Item field"))
    return out


def _message(err: BaseException) -> str:
    return getattr(err, "message", None) or str(err)


# -- records ---------------------------------------------------------------------------------
@attrs.define(eq=False)
class Import:
    description: dict[str, Any]
    fingerprint: dict[str, Any]
    created: float
    errors: list[dict[str, Any]] = attrs.field(factory=list)
    #: ``(FailureCode, FailureMessage)`` the import ends with, if it fails.
    failure: tuple[str, str] | None = None


@attrs.define(eq=False)
class ImportRegistry:
    imports: dict[str, Import] = attrs.field(factory=dict)
    tokens: dict[str, str] = attrs.field(factory=dict)


class ImportOps(EngineBase):
    """The engine's import operations (mixed into ``DynamoDB``)."""

    if TYPE_CHECKING:

        def create_table(self, request: Mapping[str, Any]) -> dict[str, Any]: ...

    def _import_registry(self) -> ImportRegistry:
        registry: ImportRegistry | None = self.__dict__.get("_imports")
        if registry is None:
            registry = self.__dict__["_imports"] = ImportRegistry()
        return registry

    def import_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ImportTable: a new table holding the items of S3 objects."""
        now_dt = self.cloud.now()
        plan = parse_import(request, self.limits, now_dt)
        source, failure = self._read_source(plan)
        now = self.cloud.clock.time()
        name = plan.create["TableName"]
        with self.lock:
            registry = self._import_registry()
            found = self._import_by_token(registry, plan, now)
            if found is not None:
                return {"ImportTableDescription": dict(found.description)}
            self.state.settle()
            if name in self.tables or name in self.state.pending:
                raise ResourceInUseException(TABLE_EXISTS.format(name=name))
            running = sum(
                1
                for i in registry.imports.values()
                if i.description["ImportStatus"] == "IN_PROGRESS"
            )
            if running >= self.limits.max_concurrent_imports:
                raise LimitExceededException(
                    f"There are too many concurrent imports ({self.limits.max_concurrent_imports})"
                )
            if failure is None:
                self.create_table(plan.create)
                t = self.tables.get(name) or self.state.pending[name]
                record = self._new_import(plan, t.arn, t.table_id, now)
                self._load(record, plan, t, source)
            else:  # no table is made [?]
                record = self._new_import(plan, self._table_arn(name), None, now)
                record.failure = failure
            registry.imports[record.description["ImportArn"]] = record
            if plan.token is not None:
                registry.tokens[plan.token] = record.description["ImportArn"]
            response = {"ImportTableDescription": dict(record.description)}
        arn = record.description["ImportArn"]
        if self.limits.import_seconds > 0:
            self.cloud.scheduler.call_later(
                self.limits.import_seconds, self._finish_import, arn, name="dynamodb import"
            )
        else:
            self._finish_import(arn)
        return response

    def _import_by_token(
        self, registry: ImportRegistry, plan: ImportPlan, now: float
    ) -> Import | None:
        arn = registry.tokens.get(plan.token or "")
        if arn is None:
            return None
        record = registry.imports[arn]
        if now - record.created > _TOKEN_SECONDS:
            del registry.tokens[plan.token or ""]
            return None
        if record.fingerprint != plan.fingerprint():
            raise ImportConflictException(TOKEN_MISMATCH)
        return record

    def _new_import(
        self, plan: ImportPlan, table_arn: str, table_id: str | None, now: float
    ) -> Import:
        ms = math.floor(now * 1000)
        arn = f"{table_arn}/import/{ms:014d}-{self.cloud.ids.hex(8)}"
        d: dict[str, Any] = {
            "ImportArn": arn,
            "ImportStatus": "IN_PROGRESS",
            "TableArn": table_arn,
            "S3BucketSource": plan.source,
            "ErrorCount": 0,
            "CloudWatchLogGroupArn": (
                f"arn:aws:logs:{self.region}:{self.cloud.account_id}:"
                "log-group:/aws-dynamodb/imports:*"
            ),
            "InputFormat": plan.format,
            "InputCompressionType": plan.compression,
            "TableCreationParameters": plan.create,
            "StartTime": _utc(now),
            "ProcessedSizeBytes": 0,
            "ProcessedItemCount": 0,
            "ImportedItemCount": 0,
        }
        if table_id is not None:
            d["TableId"] = table_id
        if plan.token is not None:
            d["ClientToken"] = plan.token
        if plan.options is not None:
            d["InputFormatOptions"] = plan.options
        return Import(description=d, fingerprint=plan.fingerprint(), created=now)

    def _read_source(self, plan: ImportPlan) -> tuple[list[tuple[str, bytes]], Any]:
        """The source objects ``(key, body)``, or why the import fails (code, message).
        Read through the S3 engine's public operations, outside DynamoDB's lock."""
        s3 = s3_engine_of(self.cloud, plan.bucket)
        if s3 is None:
            return [], ("S3NoSuchBucket", "The specified bucket does not exist")
        if plan.owner not in (None, self.cloud.account_id):
            return [], ("S3AccessDenied", "Access Denied")
        keys = _source_keys(s3, plan)
        if len(keys) > self.limits.max_import_objects:
            limit = self.limits.max_import_objects
            return [], ("ItemCountExceeded", f"The import source holds more than {limit} objects")
        return [
            (k, s3.get_object({"Bucket": plan.bucket, "Key": k})["Body"].read()) for k in keys
        ], None

    def _load(
        self, record: Import, plan: ImportPlan, t: TableState, source: list[tuple[str, bytes]]
    ) -> None:
        """Fill the new table with the good items of the source objects."""
        d = record.description
        types = dict(t.attribute_types)
        content: dict[tuple[Any, Any], tuple[dict[str, Any], int]] = {}
        processed = size = 0
        for key, body in source:
            size += len(body)
            for index, entry in enumerate(self._entries(body, plan, types)):
                processed += 1
                problem = entry if isinstance(entry, BaseException) else None
                if problem is None:
                    problem = _place(entry, t, self.limits.max_item_size, content)
                if problem is not None:
                    record.errors.append(
                        {
                            "itemS3Pointer": {
                                "bucket": plan.bucket,
                                "key": key,
                                "itemIndex": index,
                            },
                            "importArn": d["ImportArn"],
                            "errorMessages": [_message(problem)],
                        }
                    )
        fill(self.state, t, content)
        d["ProcessedSizeBytes"] = size
        d["ProcessedItemCount"] = processed
        d["ImportedItemCount"] = len(content)
        d["ErrorCount"] = len(record.errors)

    def _entries(self, body: bytes, plan: ImportPlan, types: Mapping[str, str]) -> list[Any]:
        """The items (or the errors in their place) of one source object."""
        try:
            text = _decompress(body, plan.compression).decode("utf-8")
        except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as err:
            return [ValueError(f"The object cannot be read as {plan.compression}: {err}")]
        except Exception as err:  # zstandard's ZstdError
            return [ValueError(f"The object cannot be read as {plan.compression}: {err}")]
        if plan.format == "CSV":
            try:
                return _csv_items(text, plan, types)
            except (csv.Error, TypeError) as err:
                return [ValueError(f"The object cannot be read as CSV: {err}")]
        if plan.format == "ION":
            return _ion_items(text)
        return _json_items(text)

    def _finish_import(self, arn: str) -> None:
        with self.lock:
            record = self._import_registry().imports.get(arn)
            if record is None or "EndTime" in record.description:
                return
            d = record.description
            d["EndTime"] = _utc(self.cloud.clock.time())
            if record.failure is not None:
                d["ImportStatus"] = "FAILED"
                d["FailureCode"], d["FailureMessage"] = record.failure
            else:
                d["ImportStatus"] = "COMPLETED"

    def describe_import(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeImport: one import's description."""
        arn = request.get("ImportArn")
        with self.lock:
            record = self._import_registry().imports.get(arn) if isinstance(arn, str) else None
            if record is None:
                raise ImportNotFoundException(IMPORT_NOT_FOUND.format(arn=arn))
            return {"ImportTableDescription": dict(record.description)}

    def list_imports(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ListImports: summaries of the region's imports, oldest first, paged."""
        table_arn = request.get("TableArn")
        size = request.get("PageSize") or 25
        token = request.get("NextToken")
        with self.lock:
            imports = self._import_registry().imports
            arns = [
                a
                for a, i in imports.items()
                if table_arn is None or i.description["TableArn"] == table_arn
            ]
            start = 0
            if token is not None:
                after = page_arn(token)
                if after not in arns:
                    raise ValidationException("Invalid NextToken")
                start = arns.index(after)
            rows = []
            for a in arns[start : start + size]:
                d = imports[a].description
                row = {
                    k: d[k]
                    for k in (
                        "ImportArn",
                        "ImportStatus",
                        "TableArn",
                        "S3BucketSource",
                        "CloudWatchLogGroupArn",
                        "InputFormat",
                        "StartTime",
                        "EndTime",
                    )
                    if k in d
                }
                rows.append(row)
        out: dict[str, Any] = {"ImportSummaryList": rows}
        if start + size < len(arns):
            out["NextToken"] = page_token(arns[start + size])
        return out

    def import_errors(self, import_arn: str) -> list[dict[str, Any]]:
        """The import's error log: one entry per line not imported (CloudWatch's records).

        >>> from pyserverless import Cloud
        >>> try:
        ...     Cloud.manual().engine("dynamodb").import_errors("arn:nothing")
        ... except Exception as err:
        ...     print(err.code, err.message)
        ImportNotFoundException Import not found: arn:nothing
        """
        with self.lock:
            record = self._import_registry().imports.get(import_arn)
            if record is None:
                raise ImportNotFoundException(IMPORT_NOT_FOUND.format(arn=import_arn))
            return [dict(e) for e in record.errors]


def _source_keys(s3: Any, plan: ImportPlan) -> list[str]:
    keys: list[str] = []
    token = None
    while True:
        req: dict[str, Any] = {"Bucket": plan.bucket, "Prefix": plan.prefix}
        if token is not None:
            req["ContinuationToken"] = token
        page = s3.list_objects_v2(req)
        keys.extend(row["Key"] for row in page.get("Contents", ()) if not row["Key"].endswith("/"))
        token = page.get("NextContinuationToken")
        if token is None:
            return keys


def _place(
    entry: Any, t: TableState, limit: int, content: dict[tuple[Any, Any], Any]
) -> BaseException | None:
    """Put one parsed item into ``content`` (its key checked), or say why not."""
    try:
        if isinstance(entry, tuple):
            item, size = entry
        else:  # a value read from Ion or CSV: checked as a request's item would be
            item, size = item_from_wire_sized(item_to_wire(entry))
        if not isinstance(item, dict):
            return ValueError("Not an item")
        for name in t.key_names:
            if name not in item:
                return ValidationException(
                    f"One or more parameter values were invalid: Missing the key {name} in the item"
                )
        for name, kind in t.attribute_types.items():
            if name in item:
                role = "HASH" if name == t.hash_name else "RANGE"
                validate_key_value(name, item[name], role=role, expected=kind)
    except (DynamoDBError, ValueError, TypeError) as err:
        return err
    if size > limit:
        return ValidationException("Item size has exceeded the maximum allowed size")
    hk = item[t.hash_name]
    rk = None if t.range_name is None else item[t.range_name]
    content[(hk, rk)] = (item, size)
    return None


class ImportClientOps:
    """The client's import operations (mixed into ``DynamoDBClient``)."""

    if TYPE_CHECKING:
        _engine: ImportOps

    @operation("ImportTable")
    def import_table(self, params: Params) -> dict[str, Any]:
        """Create a new table from CSV, DynamoDB JSON or Ion objects in an S3 bucket.

        ImportTable. Required: ``S3BucketSource`` (``S3Bucket``, ``S3KeyPrefix``),
        ``InputFormat`` (``CSV``, ``DYNAMODB_JSON`` or ``ION``), ``TableCreationParameters``
        (CreateTable's members). Optional: ``InputCompressionType`` (``NONE``, ``GZIP``,
        ``ZSTD``), ``InputFormatOptions`` (``Csv``: ``Delimiter``, ``HeaderList``),
        ``ClientToken``. Returns ``ImportTableDescription`` (``ImportArn``, status).
        """
        return self._engine.import_table(params)

    @operation("DescribeImport")
    def describe_import(self, params: Params) -> dict[str, Any]:
        """Describe one import: its status and item and error counts.

        DescribeImport. Required: ``ImportArn``. Returns ``ImportTableDescription``
        (``ProcessedItemCount``, ``ImportedItemCount``, ``ErrorCount``...).
        """
        return self._engine.describe_import(params)

    @operation("ListImports")
    def list_imports(self, params: Params) -> dict[str, Any]:
        """List the imports of the Region, or into one table.

        ListImports. Optional: ``TableArn``, ``PageSize``, ``NextToken``. Returns
        ``ImportSummaryList`` and ``NextToken`` when more remain.
        """
        return self._engine.list_imports(params)
