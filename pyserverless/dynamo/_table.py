"""A table's definition and state: key schema, billing, indexes, streams, tags, store.

The parsers of the members CreateTable and UpdateTable share (key schemas, throughput,
projections, GSIs, streams, tags) live here; ``_create_table`` and ``_update_table``
build their plans from them. ``TableState.describe()`` builds the ``TableDescription``
dict that boto3 parses.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from . import _table_messages as msg
from ._errors import ValidationException
from ._indexes import IndexDef, IndexKeys, Projection
from ._limits import DynamoDBLimits
from ._multikey import GSI_HASH_AFTER_RANGE, GSI_TOO_MANY
from ._settings import (
    describe_on_demand,
    describe_sse,
    describe_warm,
)
from ._storage import Store
from ._validation import Constraints, check_tag_texts

__all__ = ["TableState", "parse_gsi", "parse_throughput", "refuse_unemulated"]

BILLING_MODES = ("PROVISIONED", "PAY_PER_REQUEST")
TABLE_CLASSES = ("STANDARD", "STANDARD_INFREQUENT_ACCESS")
PROJECTION_TYPES = ("ALL", "KEYS_ONLY", "INCLUDE")
# In the order DynamoDB lists them in its enum constraint message (ack-api-quirks
# DDB-TABLE-035, 2026-10).
STREAM_VIEW_TYPES = ("OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES", "NEW_IMAGE")
KEY_TYPES = ("HASH", "RANGE")
ATTRIBUTE_TYPES = ("B", "N", "S")


@attrs.define(eq=False, repr=False)
class TableState:
    """Everything DynamoDB knows about one table."""

    name: str
    arn: str
    table_id: str
    created: datetime
    hash_name: str
    range_name: str | None
    #: Declared attribute types (key attributes of the table and its indexes).
    attribute_types: dict[str, str]
    billing_mode: str
    #: Read, write units (None under PAY_PER_REQUEST).
    throughput: tuple[int, int] | None
    gsis: dict[str, IndexDef]
    lsis: dict[str, IndexDef]
    stream: dict[str, Any] | None
    stream_label: str | None
    tags: dict[str, str]
    table_class: str | None
    deletion_protection: bool
    store: Store
    status: str = "ACTIVE"
    #: Clock time at which a CREATING/UPDATING/DELETING status ends (state delay).
    status_until: float = 0.0
    billing_changed: datetime | None = None
    #: The KMS key ARN of SSEDescription (None: the AWS owned key, not described).
    sse_key_arn: str | None = None
    #: OnDemandThroughput members as set (None: never set).
    on_demand: dict[str, int] | None = None
    #: WarmThroughput members as set (None: the defaults).
    warm: dict[str, int] | None = None
    #: Provisioned throughput changes: last increase, last decrease, decreases that day.
    last_increase: datetime | None = None
    last_decrease: datetime | None = None
    decreases_today: int = 0
    #: When TableClass was changed (the quota counts changes in a rolling window).
    table_class_changes: list[datetime] = attrs.field(factory=list)
    #: Defaults of WarmThroughput for a new table or index (read, write units per second).
    warm_defaults: tuple[int, int] = (12000, 4000)
    #: Item collection sizes by partition key (only kept when the table has LSIs).
    collections: dict[Any, int] = attrs.field(factory=dict)
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    #: Who hears of each committed change (``_changes.Watcher``): the stream, the
    #: point-in-time history, the TTL index. Empty: writes pay nothing for them.
    watchers: list[Any] = attrs.field(factory=list)
    #: Time to Live state (``_ttl``); None: never configured.
    ttl: Any = None
    #: The table's streams, current and past (``_streams``); None: never enabled.
    streams: Any = None
    #: Continuous backups and their history (``_backups``); None: never enabled.
    pitr: Any = None
    #: ``RestoreSummary`` of DescribeTable, for a table made by a restore.
    restore_summary: dict[str, Any] | None = None
    #: Resource-based policies by ARN, the table's and its streams' (``_policies``).
    policies: dict[str, Any] = attrs.field(factory=dict)
    #: Global-table state of this replica (``_global_model.Replication``); None: not global.
    replication: Any = None
    #: Contributor Insights settings by index name, "" for the table (``_insights``).
    insights: dict[str, Any] = attrs.field(factory=dict)

    @property
    def hash_type(self) -> str:
        return self.attribute_types[self.hash_name]

    @property
    def range_type(self) -> str | None:
        return None if self.range_name is None else self.attribute_types[self.range_name]

    @property
    def key_names(self) -> tuple[str, ...]:
        return (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)

    def indexes(self) -> list[IndexDef]:
        return [*self.lsis.values(), *self.gsis.values()]

    def index(self, name: str) -> IndexDef | None:
        return self.gsis.get(name) or self.lsis.get(name)

    def stream_arn(self) -> str | None:
        if self.stream_label is None:
            return None
        return f"{self.arn}/stream/{self.stream_label}"

    def key_schema(self) -> list[dict[str, str]]:
        schema = [{"AttributeName": self.hash_name, "KeyType": "HASH"}]
        if self.range_name is not None:
            schema.append({"AttributeName": self.range_name, "KeyType": "RANGE"})
        return schema

    def describe(self) -> dict[str, Any]:
        """The ``TableDescription`` of DescribeTable, in botocore's parsed shape."""
        read, write = self.throughput or (0, 0)
        out: dict[str, Any] = {
            "AttributeDefinitions": [
                {"AttributeName": n, "AttributeType": t} for n, t in self.attribute_types.items()
            ],
            "TableName": self.name,
            "KeySchema": self.key_schema(),
            "TableStatus": self.status,
            "CreationDateTime": self.created,
            "ProvisionedThroughput": {
                **({"LastIncreaseDateTime": self.last_increase} if self.last_increase else {}),
                **({"LastDecreaseDateTime": self.last_decrease} if self.last_decrease else {}),
                "NumberOfDecreasesToday": self.decreases_today,
                "ReadCapacityUnits": read,
                "WriteCapacityUnits": write,
            },
            "TableSizeBytes": self.store.size_bytes,
            "ItemCount": self.store.count,
            "TableArn": self.arn,
            "TableId": self.table_id,
        }
        if self.billing_mode == "PAY_PER_REQUEST" or self.billing_changed is not None:
            summary: dict[str, Any] = {"BillingMode": self.billing_mode}
            if self.billing_changed is not None:
                summary["LastUpdateToPayPerRequestDateTime"] = self.billing_changed
            out["BillingModeSummary"] = summary
        if self.lsis:
            out["LocalSecondaryIndexes"] = [i.describe() for i in self.lsis.values()]
        if self.gsis:
            gsis = []
            for i in self.gsis.values():
                described = i.describe()
                if i.on_demand is not None:
                    described["OnDemandThroughput"] = describe_on_demand(i.on_demand)
                described["WarmThroughput"] = describe_warm(
                    i.warm, i.throughput, self.warm_defaults
                )
                gsis.append(described)
            out["GlobalSecondaryIndexes"] = gsis
        if self.stream is not None:
            out["StreamSpecification"] = dict(self.stream)
        if self.stream_label is not None:
            out["LatestStreamLabel"] = self.stream_label
            out["LatestStreamArn"] = self.stream_arn()
        if self.restore_summary is not None:
            out["RestoreSummary"] = dict(self.restore_summary)
        if self.sse_key_arn is not None:
            out["SSEDescription"] = describe_sse(self.sse_key_arn)
        if self.table_class is not None:
            out["TableClassSummary"] = {"TableClass": self.table_class}
        out["DeletionProtectionEnabled"] = self.deletion_protection
        if self.on_demand is not None:
            out["OnDemandThroughput"] = describe_on_demand(self.on_demand)
        out["WarmThroughput"] = describe_warm(self.warm, self.throughput, self.warm_defaults)
        if self.replication is not None:
            self.replication.describe_into(out)
        return out

    def __repr__(self) -> str:
        rng = f", sk={self.range_name!r}" if self.range_name else ""
        return f"TableState({self.name!r}, pk={self.hash_name!r}{rng}, items={self.store.count})"


# -- parsing ----------------------------------------------------------------------------------
def _key_schema(schema: Any, path: str, c: Constraints) -> tuple[str, str | None] | None:
    """``(hash, range)`` names of a KeySchema, or None after recording a constraint error."""
    if not isinstance(schema, list) or not schema:
        c.add(
            schema if schema is not None else None,
            path,
            "Member must have length greater than or equal to 1"
            if schema is not None
            else "Member must not be null",
        )
        return None
    if len(schema) > 2:
        c.add(
            "[" + ", ".join(str(e) for e in schema) + "]",
            path,
            "Member must have length less than or equal to 2",
        )
        return None
    _element_constraints(schema, path, c)
    if c.errors:
        return None
    first = schema[0]
    if first.get("KeyType") != "HASH":
        raise ValidationException(msg.KEY_SCHEMA_FIRST_NOT_HASH)
    if len(schema) == 2:
        second = schema[1]
        if second.get("KeyType") != "RANGE":
            raise ValidationException(msg.KEY_SCHEMA_SECOND_NOT_RANGE)
        if second["AttributeName"] == first["AttributeName"]:
            raise ValidationException(msg.KEY_SCHEMA_SAME_NAME)
        return first["AttributeName"], second["AttributeName"]
    return first["AttributeName"], None


def _element_constraints(schema: list[Any], path: str, c: Constraints) -> None:
    """Each KeySchemaElement's own constraints: its KeyType, its name's length."""
    for n, element in enumerate(schema, 1):
        c.enum(element.get("KeyType"), f"{path}.{n}.member.keyType", KEY_TYPES)
        name = element.get("AttributeName")
        if not isinstance(name, str) or not name:
            c.add(
                name,
                f"{path}.{n}.member.attributeName",
                "Member must have length greater than or equal to 1",
            )
        elif len(name.encode()) > 255:
            c.add(
                name,
                f"{path}.{n}.member.attributeName",
                "Member must have length less than or equal to 255",
            )


def parse_throughput(value: Any, path: str, c: Constraints) -> tuple[int, int] | None:
    if value is None:
        return None
    read = value.get("ReadCapacityUnits")
    write = value.get("WriteCapacityUnits")
    for v, field in ((read, "readCapacityUnits"), (write, "writeCapacityUnits")):
        if v is None:
            c.add(None, f"{path}.{field}", "Member must not be null")
        else:
            c.at_least(v, f"{path}.{field}", 1)
    if read is None or write is None:
        return None
    return int(read), int(write)


def _projection(value: Any, path: str, c: Constraints) -> Projection | None:
    if value is None:
        c.add(None, path, "Member must not be null")
        return None
    ptype = value.get("ProjectionType")
    c.enum(ptype, f"{path}.projectionType", PROJECTION_TYPES)
    non_key = value.get("NonKeyAttributes")
    c.length(non_key, f"{path}.nonKeyAttributes", 1, 20)
    if c.errors:
        return None
    if ptype == "INCLUDE" and not non_key:
        raise ValidationException(msg.PROJECTION_INCLUDE_NEEDS_NON_KEY)
    if ptype != "INCLUDE" and non_key:
        raise ValidationException(msg.PROJECTION_NON_KEY_UNEXPECTED.format(type=ptype or "ALL"))
    seen: set[str] = set()
    for name in non_key or ():
        if name in seen:
            raise ValidationException(msg.PROJECTION_DUPLICATE.format(name=name))
        seen.add(name)
    return Projection(ptype or "ALL", tuple(non_key or ()))


def _gsi_key_schema(
    schema: Any, path: str, c: Constraints, limits: DynamoDBLimits | None
) -> tuple[str, str | None] | IndexKeys | None:
    """A GSI's key: ``(hash, range)`` as a table's, or ``IndexKeys`` for a
    multi-attribute key (more than one HASH or RANGE attribute, issue 13)."""
    if not isinstance(schema, list) or len(schema) < 2:
        return _key_schema(schema, path, c)
    if len(schema) == 2 and not (
        isinstance(schema[1], Mapping) and schema[1].get("KeyType") == "HASH"
    ):
        return _key_schema(schema, path, c)
    _element_constraints(schema, path, c)
    if c.errors:
        return None
    kinds = [e["KeyType"] for e in schema]
    if kinds[0] != "HASH":
        raise ValidationException(msg.KEY_SCHEMA_FIRST_NOT_HASH)
    hashes = kinds.count("HASH")
    if "HASH" in kinds[hashes:]:
        raise ValidationException(GSI_HASH_AFTER_RANGE)
    lim = limits if limits is not None else DynamoDBLimits()
    if hashes > lim.max_gsi_hash_attributes:
        raise ValidationException(GSI_TOO_MANY.format(kind="HASH"))
    if len(kinds) - hashes > lim.max_gsi_range_attributes:
        raise ValidationException(GSI_TOO_MANY.format(kind="RANGE"))
    names = [e["AttributeName"] for e in schema]
    if len(set(names)) != len(names):
        raise ValidationException(msg.KEY_SCHEMA_SAME_NAME)
    return IndexKeys(tuple(names[:hashes]), tuple(names[hashes:]))


def parse_gsi(
    spec: Mapping[str, Any],
    path: str,
    c: Constraints,
    *,
    billing_mode: str,
    limits: DynamoDBLimits | None = None,
) -> tuple[str, tuple[str, str | None] | IndexKeys, Projection, tuple[int, int] | None] | None:
    """Validate one GSI definition: ``(name, keys, projection, throughput)``."""
    name = spec.get("IndexName")
    if name is None:
        c.add(None, f"{path}.indexName", "Member must not be null")
    c.name(name, f"{path}.indexName")
    keys = _gsi_key_schema(spec.get("KeySchema"), f"{path}.keySchema", c, limits)
    projection = _projection(spec.get("Projection"), f"{path}.projection", c)
    throughput = parse_throughput(
        spec.get("ProvisionedThroughput"), f"{path}.provisionedThroughput", c
    )
    if c.errors or keys is None or projection is None:
        return None
    if billing_mode == "PAY_PER_REQUEST" and spec.get("ProvisionedThroughput") is not None:
        raise ValidationException(msg.GSI_NO_THROUGHPUT.format(index=name))
    if billing_mode == "PROVISIONED" and throughput is None:
        raise ValidationException(msg.GSI_NEEDS_THROUGHPUT.format(index=name))
    return str(name), keys, projection, throughput


def refuse_unemulated(request: Mapping[str, Any], members: tuple[str, ...]) -> None:
    """Refuse the first of ``members`` the request gives: its effect is not emulated."""
    for member in members:
        if request.get(member) is not None:
            raise ValidationException(msg.NOT_EMULATED.format(parameter=member))


def _stream(spec: Any, now: datetime) -> tuple[dict[str, Any] | None, str | None]:
    if spec is None:
        return None, None
    enabled = spec.get("StreamEnabled")
    view = spec.get("StreamViewType")
    c = Constraints()
    if enabled is None:
        c.add(None, "streamSpecification.streamEnabled", "Member must not be null")
    c.enum(view, "streamSpecification.streamViewType", STREAM_VIEW_TYPES)
    c.raise_if_any()
    if enabled and view is None:
        raise ValidationException(msg.STREAM_NEEDS_VIEW_TYPE)
    if not enabled and view is not None:
        raise ValidationException(msg.STREAM_VIEW_WITHOUT_ENABLED)
    if not enabled:
        return {"StreamEnabled": False}, None
    return {"StreamEnabled": True, "StreamViewType": view}, stream_label(now)


def stream_label(now: datetime) -> str:
    """A stream label: the ISO timestamp with milliseconds, as DynamoDB writes it."""
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}"


def _tags(tags: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    c = Constraints()
    for n, tag in enumerate(tags or (), 1):
        key, value = tag.get("Key"), tag.get("Value")
        if key is None:
            c.add(None, f"tags.{n}.member.key", "Member must not be null")
        else:
            c.length(key, f"tags.{n}.member.key", 1, 128)
        if value is not None:  # a missing value is check_tag_texts' "Value: null"
            c.length(value, f"tags.{n}.member.value", 0, 256)
        if key is not None and value is not None:
            out[key] = value
    c.raise_if_any()
    check_tag_texts(tags)
    return out


parse_tags = _tags
