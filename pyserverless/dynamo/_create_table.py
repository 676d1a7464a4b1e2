"""CreateTable, as parse then apply.

``parse_create_table`` runs every check DynamoDB makes on a CreateTable request, in the
order it reports them, and returns a frozen ``CreateTablePlan``; nothing else happens.
``CreateTablePlan.build`` turns the plan into a new ``TableState`` and cannot fail. The
engine checks the plan against the region (name taken, table quota) under its lock,
then registers what ``build`` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import attrs

from . import _table_messages as msg
from ._errors import ValidationException
from ._indexes import IndexDef, IndexKeys, Projection
from ._limits import DynamoDBLimits
from ._policies import ParsedPolicy, StoredPolicy, parse_policy
from ._settings import parse_on_demand, parse_sse, parse_warm
from ._storage import Store
from ._table import (
    ATTRIBUTE_TYPES,
    BILLING_MODES,
    TABLE_CLASSES,
    TableState,
    _key_schema,
    _projection,
    _stream,
    _tags,
    parse_gsi,
    parse_throughput,
    refuse_unemulated,
)
from ._validation import Constraints

__all__ = ["CreateTablePlan", "IndexPlan", "parse_create_table"]

Keys = tuple[str, str | None]

#: CreateTable members whose effect pyserverless does not emulate (refused when given).
UNEMULATED = (
    "GlobalTableSourceArn",
    "GlobalTableSettingsReplicationMode",
    "VectorIndexes",
)


@attrs.frozen
class IndexPlan:
    """A checked secondary index definition, not yet built (CreateTable or UpdateTable)."""

    name: str
    local: bool
    #: ``(hash, range)``, or every attribute of a multi-attribute GSI key.
    keys: Keys | IndexKeys
    projection: Projection
    throughput: tuple[int, int] | None = None
    on_demand: Mapping[str, int] | None = None
    warm: Mapping[str, int] | None = None

    def build(
        self, types: Mapping[str, str], table_arn: str, table_keys: tuple[str, ...]
    ) -> IndexDef:
        """The index, empty; ``types`` holds the declared type of each key attribute."""
        if isinstance(self.keys, IndexKeys):
            return self._build_multi(self.keys, types, table_arn, table_keys)
        hash_name, range_name = self.keys
        return IndexDef(
            name=self.name,
            local=self.local,
            hash_name=hash_name,
            range_name=range_name,
            hash_type=types[hash_name],
            range_type=types[range_name] if range_name else None,
            projection=self.projection,
            arn=f"{table_arn}/index/{self.name}",
            throughput=self.throughput,
            table_keys=table_keys,
            on_demand=None if self.on_demand is None else dict(self.on_demand),
            warm=None if self.warm is None else dict(self.warm),
        )

    def _build_multi(
        self,
        keys: IndexKeys,
        types: Mapping[str, str],
        table_arn: str,
        table_keys: tuple[str, ...],
    ) -> IndexDef:
        ranges = keys.range_names
        return IndexDef(
            name=self.name,
            local=self.local,
            hash_name=keys.hash_names[0],
            range_name=ranges[0] if ranges else None,
            hash_type=types[keys.hash_names[0]],
            range_type=types[ranges[0]] if ranges else None,
            projection=self.projection,
            arn=f"{table_arn}/index/{self.name}",
            throughput=self.throughput,
            table_keys=table_keys,
            on_demand=None if self.on_demand is None else dict(self.on_demand),
            warm=None if self.warm is None else dict(self.warm),
            hash_names=keys.hash_names,
            range_names=ranges,
            hash_types=tuple(types[n] for n in keys.hash_names),
            range_types=tuple(types[n] for n in ranges),
        )


@attrs.frozen
class CreateTablePlan:
    """A CreateTable request that passed every check, ready to build."""

    name: str
    keys: Keys
    types: Mapping[str, str]
    billing: str
    throughput: tuple[int, int] | None
    indexes: tuple[IndexPlan, ...]
    stream: Mapping[str, Any] | None
    stream_label: str | None
    tags: Mapping[str, str]
    table_class: str | None
    deletion_protection: bool
    #: The KMS key asked for (None: the AWS owned key).
    sse_key: str | None
    use_kms: bool
    on_demand: Mapping[str, int] | None
    warm: Mapping[str, int] | None
    #: The ResourcePolicy to attach (``_policies``), checked.
    policy: ParsedPolicy | None = None

    def build(
        self,
        *,
        arn: str,
        table_id: str,
        now: datetime,
        kms_arn: Callable[[str | None], str],
        limits: DynamoDBLimits,
    ) -> TableState:
        """The new table, empty and ACTIVE (not yet registered)."""
        hash_name, range_name = self.keys
        table_keys = (hash_name,) if range_name is None else (hash_name, range_name)
        built = [i.build(self.types, arn, table_keys) for i in self.indexes]
        return TableState(
            name=self.name,
            arn=arn,
            table_id=table_id,
            created=now,
            hash_name=hash_name,
            range_name=range_name,
            attribute_types=dict(self.types),
            billing_mode=self.billing,
            # DynamoDB reports when PAY_PER_REQUEST was last set: at creation too.
            billing_changed=now if self.billing == "PAY_PER_REQUEST" else None,
            throughput=self.throughput,
            gsis={i.name: i for i in built if not i.local},
            lsis={i.name: i for i in built if i.local},
            stream=None if self.stream is None else dict(self.stream),
            stream_label=self.stream_label,
            tags=dict(self.tags),
            table_class=self.table_class,
            deletion_protection=self.deletion_protection,
            store=Store(sorted_partitions=range_name is not None),
            sse_key_arn=kms_arn(self.sse_key) if self.use_kms else None,
            on_demand=None if self.on_demand is None else dict(self.on_demand),
            warm=None if self.warm is None else dict(self.warm),
            warm_defaults=(limits.default_warm_read_units, limits.default_warm_write_units),
            policies=self._policies(arn, now),
        )

    def _policies(self, arn: str, now: datetime) -> dict[str, Any]:
        """The table's policy slot: CreateTable's ResourcePolicy, if any."""
        if self.policy is None:
            return {}
        revision = str(int(now.timestamp() * 1000))
        return {arn: StoredPolicy(self.policy.text, self.policy.key, revision)}


def parse_create_table(
    request: Mapping[str, Any], *, limits: DynamoDBLimits, now: datetime
) -> CreateTablePlan:
    """Check a CreateTable request completely; the plan of the table it creates."""
    c = Constraints()
    name, billing, definitions, throughput = _members(request, c)
    refuse_unemulated(request, UNEMULATED)
    keys = _key_schema(request.get("KeySchema"), "keySchema", c)
    c.raise_if_any()
    assert keys is not None
    types: dict[str, str] = {}
    for d in definitions:
        if d["AttributeName"] in types:
            raise ValidationException(msg.ATTR_NAME_DUPLICATED.format(name=d["AttributeName"]))
        types[d["AttributeName"]] = d["AttributeType"]
    if billing == "PROVISIONED" and throughput is None:
        raise ValidationException(msg.PROVISIONED_NEEDS_THROUGHPUT)
    if billing == "PAY_PER_REQUEST" and request.get("ProvisionedThroughput") is not None:
        raise ValidationException(msg.PAY_PER_REQUEST_NO_THROUGHPUT)
    gsis, lsis = _indexes(request, c, limits, billing, keys)
    _check_definitions(types, keys, gsis + lsis)
    projected = sum(len(i.projection.non_key) for i in gsis + lsis)
    if projected > limits.max_projected_attributes:
        raise ValidationException(
            msg.PROJECTION_TOO_MANY.format(limit=limits.max_projected_attributes, count=projected)
        )
    stream, label = _stream(request.get("StreamSpecification"), now)
    tags = _tags(request.get("Tags"))
    if len(tags) > limits.max_tags_per_resource:
        raise ValidationException(msg.TAGS_TOO_MANY.format(limit=limits.max_tags_per_resource))
    sse = parse_sse(request.get("SSESpecification"), "sSESpecification")
    on_demand = parse_on_demand(request.get("OnDemandThroughput"), "onDemandThroughput")
    warm = parse_warm(request.get("WarmThroughput"), "warmThroughput")
    gsis = [_gsi_settings(request, n, g) for n, g in enumerate(gsis, 1)]
    policy = request.get("ResourcePolicy")
    if policy is not None:
        policy = parse_policy(policy, limit=limits.max_resource_policy_bytes)
    return CreateTablePlan(
        name=name,
        keys=keys,
        types=types,
        billing=billing,
        throughput=throughput,
        indexes=(*lsis, *gsis),
        stream=stream,
        stream_label=label,
        tags=tags,
        table_class=request.get("TableClass"),
        deletion_protection=bool(request.get("DeletionProtectionEnabled", False)),
        sse_key=sse[1] if sse is not None else None,
        use_kms=sse is not None and sse[0],
        on_demand=on_demand,
        warm=warm,
        policy=policy,
    )


def _members(
    request: Mapping[str, Any], c: Constraints
) -> tuple[str, str, list[Any], tuple[int, int] | None]:
    """The members' own constraints, reported together: name, billing, definitions, throughput."""
    name = request.get("TableName")
    if name is None:
        c.add(None, "tableName", "Member must not be null")
    c.name(name, "tableName")
    if request.get("KeySchema") is None:
        c.add(None, "keySchema", "Member must not be null")
    if request.get("AttributeDefinitions") is None:
        c.add(None, "attributeDefinitions", "Member must not be null")
    c.enum(request.get("BillingMode"), "billingMode", BILLING_MODES)
    definitions = request.get("AttributeDefinitions") or []
    for n, d in enumerate(definitions, 1):
        c.enum(
            d.get("AttributeType"),
            f"attributeDefinitions.{n}.member.attributeType",
            ATTRIBUTE_TYPES,
        )
    throughput = parse_throughput(request.get("ProvisionedThroughput"), "provisionedThroughput", c)
    c.raise_if_any()
    check_table_class(request.get("TableClass"))
    return str(name), request.get("BillingMode", "PROVISIONED"), definitions, throughput


def check_table_class(table_class: Any) -> None:
    """An unknown TableClass, in DynamoDB's own words rather than the enum constraint's
    (ack-api-quirks DDB-TABLE-442, CreateTable and UpdateTable, 2026-10)."""
    if table_class is not None and table_class not in TABLE_CLASSES:
        raise ValidationException(msg.TABLE_CLASS_INVALID)


def _indexes(
    request: Mapping[str, Any], c: Constraints, limits: DynamoDBLimits, billing: str, keys: Keys
) -> tuple[list[IndexPlan], list[IndexPlan]]:
    """The GSIs and LSIs, checked one by one, then for duplicate names."""
    gsi_specs = request.get("GlobalSecondaryIndexes")
    lsi_specs = request.get("LocalSecondaryIndexes")
    c.raise_if_any()
    # DynamoDB's words for an empty list (ack-api-quirks DDB-TABLE-442, 2026-10).
    if gsi_specs is not None and not gsi_specs:
        raise ValidationException(msg.INDEX_LIST_EMPTY.format(kind="GlobalSecondaryIndexes"))
    if lsi_specs is not None and not lsi_specs:
        raise ValidationException(msg.INDEX_LIST_EMPTY.format(kind="LocalSecondaryIndexes"))
    gsi_specs = gsi_specs or []
    lsi_specs = lsi_specs or []
    if len(gsi_specs) > limits.max_gsis:
        raise ValidationException(msg.GSI_TOO_MANY.format(limit=limits.max_gsis))
    if len(lsi_specs) > limits.max_lsis:
        raise ValidationException(msg.LSI_TOO_MANY.format(limit=limits.max_lsis))
    gsis = []
    for n, spec in enumerate(gsi_specs, 1):
        try:
            parsed = parse_gsi(
                spec, f"globalSecondaryIndexes.{n}.member", c, billing_mode=billing, limits=limits
            )
        except ValidationException as err:
            # CreateTable words a GSI without throughput differently from UpdateTable.
            index = spec.get("IndexName") if isinstance(spec, Mapping) else None
            if err.message == msg.GSI_NEEDS_THROUGHPUT.format(index=index):
                raise ValidationException(msg.GSI_THROUGHPUT_MISSING.format(index=index)) from None
            raise
        c.raise_if_any()
        assert parsed is not None
        iname, ikeys, projection, tp = parsed
        gsis.append(IndexPlan(iname, False, ikeys, projection, throughput=tp))
    lsis = [_lsi(spec, n, c, keys) for n, spec in enumerate(lsi_specs, 1)]
    seen: set[str] = set()
    for index in gsis + lsis:
        if index.name in seen:
            raise ValidationException(msg.INDEX_DUPLICATE.format(index=index.name))
        seen.add(index.name)
    return gsis, lsis


def _lsi(spec: Mapping[str, Any], n: int, c: Constraints, keys: Keys) -> IndexPlan:
    path = f"localSecondaryIndexes.{n}.member"
    iname = spec.get("IndexName")
    if iname is None:
        c.add(None, f"{path}.indexName", "Member must not be null")
    c.name(iname, f"{path}.indexName")
    ikeys = _key_schema(spec.get("KeySchema"), f"{path}.keySchema", c)
    projection = _projection(spec.get("Projection"), f"{path}.projection", c)
    c.raise_if_any()
    assert ikeys is not None
    assert projection is not None
    hash_name, range_name = keys
    if range_name is None:
        raise ValidationException(msg.LSI_NEEDS_RANGE)
    if ikeys[0] != hash_name:
        raise ValidationException(
            msg.LSI_HASH_MISMATCH.format(index=iname, ihash=ikeys[0], thash=hash_name)
        )
    if ikeys[1] is None:
        raise ValidationException(msg.LSI_NEEDS_RANGE_KEY.format(index=iname))
    return IndexPlan(str(iname), True, ikeys, projection)


def _check_definitions(types: Mapping[str, str], keys: Keys, indexes: list[IndexPlan]) -> None:
    """Every key attribute (of the table and its indexes) defined, and nothing else."""
    used: list[str] = [k for k in keys if k is not None]
    for index in indexes:
        for k in index.keys:
            if k is not None and k not in used:
                used.append(k)
    missing = [k for k in used if k not in types]
    if missing:
        if indexes:
            raise ValidationException(
                msg.ATTR_INDEX_UNDEFINED.format(keys=", ".join(missing), defined=", ".join(types))
            )
        raise ValidationException(msg.ATTR_NO_DEFINITION)
    if len(types) != len(used):
        if indexes:
            raise ValidationException(
                msg.ATTR_UNUSED.format(defined=", ".join(types), used=", ".join(used))
            )
        raise ValidationException(msg.ATTR_COUNT_MISMATCH)


def _gsi_settings(request: Mapping[str, Any], n: int, index: IndexPlan) -> IndexPlan:
    """A GSI's OnDemandThroughput and WarmThroughput (checked after the table's own)."""
    spec = request["GlobalSecondaryIndexes"][n - 1]
    path = f"globalSecondaryIndexes.{n}.member"
    return attrs.evolve(
        index,
        on_demand=parse_on_demand(spec.get("OnDemandThroughput"), f"{path}.onDemandThroughput"),
        warm=parse_warm(spec.get("WarmThroughput"), f"{path}.warmThroughput"),
    )
