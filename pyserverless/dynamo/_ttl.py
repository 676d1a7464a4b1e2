"""Time to Live: UpdateTimeToLive, DescribeTimeToLive, the expiry index and the sweeper.

The engine's operations (``TtlOps``), the client's (``TtlClientOps``) and the resource
layer's ``table.ttl`` and ``table.expired()`` (``TtlTable``). The index and the sweeper
live in ``_ttl_index``; docs/dynamodb-ttl.md tells the whole story.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._core.client import operation
from .._core.errors import AWSError
from ._engine_base import EngineBase
from ._errors import ResourceInUseException, ValidationException
from ._ttl_index import TtlState
from ._validation import Constraints, require

if TYPE_CHECKING:
    from ._table import TableState

__all__ = ["TtlClientOps", "TtlOps", "TtlTable"]

# -- AWS's texts (the ack-api-quirks captures of DynamoDB, 2026-10, and SDK reports) ------------
# [O] Enabling again, with the same attribute.
ALREADY_ENABLED = "TimeToLive is already enabled"
# [O] Disabling a table whose TTL is not enabled (never configured, or disabled).
ALREADY_DISABLED = "TimeToLive is already disabled"
# [O] Enabling another attribute, or disabling with another attribute, while enabled.
OTHER_ATTRIBUTE = (
    "TimeToLive is active on a different AttributeName: current AttributeName is {name}"
)
# [O] A second accepted change within the interval (documented: "one hour").
TOO_OFTEN = "Time to live has been modified multiple times within a fixed interval"
# [O] UpdateTimeToLive on a CREATING table.
BEING_CREATED = "Attempt to change a resource which is still in use: Table {name} is being created"
# [O] DescribeTimeToLive on a CREATING or DELETING table.
CANNOT_DESCRIBE = (
    "Cannot describe time to live while table is in {state} state: Current table state is {state}"
)


@attrs.frozen
class TtlChange:
    """A checked UpdateTimeToLive request: the table named, on or off, the attribute."""

    table: Any
    enabled: bool
    attribute: str


_NULL = "Value null at '{path}' failed to satisfy constraint: Member must not be null"
_SPEC = "timeToLiveSpecification"


def parse_update(request: Mapping[str, Any]) -> TtlChange:
    """Check UpdateTimeToLive's members as DynamoDB does, all at once, before any lookup."""
    errors: list[str] = []
    table = request.get("TableName")
    spec = request.get("TimeToLiveSpecification")
    if table is None:
        errors.append(_NULL.format(path="tableName"))
    if spec is None:
        errors.append(_NULL.format(path=_SPEC))
        _raise(errors)
    if not isinstance(spec, Mapping):
        raise ValidationException(f"1 validation error detected: {_SPEC} must be a structure")
    attribute = spec.get("AttributeName")
    enabled = spec.get("Enabled")
    if attribute is None:
        errors.append(_NULL.format(path=f"{_SPEC}.attributeName"))
    elif isinstance(attribute, str):
        c = Constraints()
        c.length(attribute, f"{_SPEC}.attributeName", 1, 255)
        errors.extend(c.errors)
    if enabled is None:
        errors.append(_NULL.format(path=f"{_SPEC}.enabled"))
    _raise(errors)
    if not isinstance(attribute, str) or not isinstance(enabled, bool):
        raise ValidationException(
            f"1 validation error detected: {_SPEC} needs a string AttributeName and a "
            "boolean Enabled"
        )
    return TtlChange(table=table, enabled=enabled, attribute=attribute)


def _raise(errors: list[str]) -> None:
    """Raise the collected constraint errors as one ValidationException (if any)."""
    if errors:
        n = len(errors)
        head = f"{n} validation error{'s' if n > 1 else ''} detected: "
        raise ValidationException(head + "; ".join(errors))


def refuse(state: TtlState | None, change: TtlChange, now: float, interval: float) -> None:
    """AWS's refusals, in its order: the content of the change, then the interval."""
    status = state.status(now) if state is not None else "DISABLED"
    current = state.attribute if state is not None else None
    if change.enabled:
        if status in ("ENABLING", "ENABLED"):
            if current == change.attribute:
                raise ValidationException(ALREADY_ENABLED)
            raise ValidationException(OTHER_ATTRIBUTE.format(name=current))
    else:
        if status in ("DISABLED", "DISABLING"):
            raise ValidationException(ALREADY_DISABLED)
        if current != change.attribute:
            raise ValidationException(OTHER_ATTRIBUTE.format(name=current))
    if state is not None and state.changed is not None and now < state.changed + interval:
        raise ValidationException(TOO_OFTEN)


class TtlOps(EngineBase):
    """The engine's Time to Live operations (mixed into ``DynamoDB``)."""

    def update_time_to_live(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateTimeToLive: turn TTL on for an attribute, or off.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("dynamodb")
        >>> _ = engine.create_table({"TableName": "tab", "BillingMode": "PAY_PER_REQUEST",
        ...     "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        ...     "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]})
        >>> engine.update_time_to_live({"TableName": "tab",
        ...     "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expires"}})
        {'TimeToLiveSpecification': {'Enabled': True, 'AttributeName': 'expires'}}
        >>> engine.describe_time_to_live({"TableName": "tab"})
        {'TimeToLiveDescription': {'TimeToLiveStatus': 'ENABLED', 'AttributeName': 'expires'}}
        """
        change = parse_update(request)
        echo = {"Enabled": change.enabled, "AttributeName": change.attribute}
        with self.lock:
            t = self._described(change.table)
            if t.status == "CREATING":
                raise ResourceInUseException(BEING_CREATED.format(name=t.name))
            if t.status == "DELETING":
                return {"TimeToLiveSpecification": echo}  # accepted; the table is going
            now = self.cloud.clock.time()
            state: TtlState | None = t.ttl
            refuse(state, change, now, self.limits.ttl_change_interval_seconds)
            if state is None:
                state = t.ttl = TtlState(
                    db=self.state, table=t, ids=self.cloud.ids, scheduler=self.cloud.scheduler
                )
            if change.enabled:
                state.enable(change.attribute, now)
            else:
                state.disable(now)
            rep = t.replication
            others = [m.region for m in rep.others()] if rep is not None else []
        for region in others:  # a global table's replicas share one TTL setting
            self.cloud.engine("dynamodb", region).replica_ttl(
                t.name, change.enabled, change.attribute
            )
        return {"TimeToLiveSpecification": echo}

    def describe_time_to_live(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeTimeToLive: the table's TTL status and attribute."""
        name = require(request, "TableName")
        with self.lock:
            t = self._described(name)
            if t.status in ("CREATING", "DELETING"):
                raise ValidationException(CANNOT_DESCRIBE.format(state=t.status))
            state: TtlState | None = t.ttl
            if state is None:
                return {"TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}}
            return {"TimeToLiveDescription": state.describe(self.cloud.clock.time())}

    def expired_items(self, table_name: str) -> list[dict[str, Any]]:
        """The items of ``table_name`` whose TTL has passed and that the sweeper has not
        deleted yet (stored native values), earliest TTL first; [] without TTL."""
        with self.lock:
            t = self._described(table_name)
            state: TtlState | None = t.ttl
            if state is None:
                return []
            return state.expired(self.cloud.clock.time())

    def _ttl_state(self, table_name: str) -> TtlState | None:
        """The table's ``TtlState`` (None: TTL never configured); for tests and checks."""
        t = self._described(table_name)
        state: TtlState | None = t.ttl
        return state

    def _ttl_table_deleted(self, t: TableState, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``: its sweeps end."""
        state: TtlState | None = t.ttl
        if state is not None:
            state.close()


class TtlClientOps:
    """The client's Time to Live operations (mixed into ``DynamoDBClient``)."""

    _engine: TtlOps

    @operation("UpdateTimeToLive")
    def update_time_to_live(self, params: dict[str, Any]) -> dict[str, Any]:
        """Switch Time to Live on for one attribute of a table, or off.

        UpdateTimeToLive. Required: ``TableName`` and ``TimeToLiveSpecification``
        (``Enabled`` and ``AttributeName``; disabling names the current attribute).
        Returns the specification back. Enabling what is enabled, disabling what is
        disabled, another attribute, or a second change within an hour of the last is a
        ``ValidationException``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="carts", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> ddb.update_time_to_live(TableName="carts", TimeToLiveSpecification={
        ...     "Enabled": True, "AttributeName": "expires"})["TimeToLiveSpecification"]
        {'Enabled': True, 'AttributeName': 'expires'}
        """
        return self._engine.update_time_to_live(params)

    @operation("DescribeTimeToLive")
    def describe_time_to_live(self, params: dict[str, Any]) -> dict[str, Any]:
        """Tell whether Time to Live is on for a table, and on which attribute.

        DescribeTimeToLive. Required: ``TableName``. Returns ``TimeToLiveDescription``:
        ``TimeToLiveStatus`` (ENABLING, ENABLED, DISABLING or DISABLED) and, unless
        DISABLED, ``AttributeName``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="carts", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> ddb.describe_time_to_live(TableName="carts")["TimeToLiveDescription"]
        {'TimeToLiveStatus': 'DISABLED'}
        """
        return self._engine.describe_time_to_live(params)


class TtlTable:
    """The resource layer's Time to Live extras (mixed into ``dynamo.Table``).

    ``table.ttl`` names the TTL attribute (None when TTL is off); assigning it calls
    UpdateTimeToLive. ``table.expired()`` lists the items whose TTL has passed and that
    DynamoDB has not deleted yet.

    >>> import time
    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> sessions = cloud.dynamo.create_table(TableName="sessions",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     BillingMode="PAY_PER_REQUEST")
    >>> sessions.ttl = "expires"
    >>> sessions.ttl
    'expires'
    >>> now = int(cloud.clock.time())
    >>> _ = sessions.put_item(Item={"id": "old", "expires": now - 60})
    >>> _ = sessions.put_item(Item={"id": "new", "expires": now + 3600})
    >>> [item["id"] for item in sessions.expired()]
    ['old']
    >>> "Item" in sessions.get_item(Key={"id": "old"})  # expired, still readable
    True
    >>> _ = cloud.advance(2 * 86400)  # the sweeper deletes within two days
    >>> "Item" in sessions.get_item(Key={"id": "old"}), sessions.expired()
    (False, [])
    """

    name: str
    _engine: TtlOps

    @property
    def ttl(self) -> str | None:
        """The TTL attribute while TTL is ENABLING or ENABLED, else None."""
        try:
            found = self._engine.describe_time_to_live({"TableName": self.name})
        except AWSError as err:
            err.bind_operation("DescribeTimeToLive")
            raise
        described = found["TimeToLiveDescription"]
        if described["TimeToLiveStatus"] in ("ENABLING", "ENABLED"):
            name: str = described["AttributeName"]
            return name
        return None

    @ttl.setter
    def ttl(self, attribute: str | None) -> None:
        """Enable TTL on ``attribute`` (UpdateTimeToLive), or disable it with None."""
        if attribute is not None and not isinstance(attribute, str):
            raise TypeError(f"table.ttl takes an attribute name or None, not {attribute!r}")
        try:
            if attribute is None:
                current = self._engine.describe_time_to_live({"TableName": self.name})
                name = current["TimeToLiveDescription"].get("AttributeName", "ttl")
                spec = {"Enabled": False, "AttributeName": name}
            else:
                spec = {"Enabled": True, "AttributeName": attribute}
            self._engine.update_time_to_live(
                {"TableName": self.name, "TimeToLiveSpecification": spec}
            )
        except AWSError as err:
            err.bind_operation("UpdateTimeToLive")
            raise

    def expired(self) -> list[dict[str, Any]]:
        """The items whose TTL has passed and that DynamoDB has not deleted yet, as
        native values, earliest TTL first ([] when TTL is off)."""
        from ._types import item_to_python

        try:
            found = self._engine.expired_items(self.name)
        except AWSError as err:
            err.bind_operation("DescribeTimeToLive")
            raise
        return [item_to_python(item) for item in found]
