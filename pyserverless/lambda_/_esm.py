"""Lambda event source mappings for DynamoDB streams and SQS queues: the engine's
operations (a mixin of ``LambdaService``) and the resource layer's
:class:`EventSourceMapping`.

Create/Get/Update/Delete/ListEventSourceMappings take and return plain dicts (the
API's shapes, ``LastModified`` a datetime). Each request is checked whole before
anything changes. A stream mapping's work is done by its
:class:`~._esm_poller.Poller`, on the Cloud's scheduler; the stream is read only
through the ``dynamodbstreams`` engine, and the DynamoDB engine's public
``stream_notify`` wakes the poller. A queue mapping's is done by its
:class:`~._esm_sqs.SqsPoller`, through the ``sqs`` engine's public operations.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .._core.arns import arn
from .._core.errors import AWSError
from . import _esm_model as m
from ._errors import (
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from ._esm_model import SQS_ARN, parse_settings, refuse_foreign
from ._esm_poller import Poller
from ._esm_records import EsmMetrics
from ._esm_sqs import MAPPING_EXISTS as SQS_MAPPING_EXISTS
from ._esm_sqs import QUEUE_MISSING, VISIBILITY_SHORT, SqsPoller, parse_sqs_settings
from ._validate import Checks, paginate, parse_function_name

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._limits import LambdaLimits
    from ._model import FunctionConfig, FunctionState, Invocation

__all__ = ["EventSourceMapping", "EventSourceMappings"]

#: The members of an EventSourceMappingConfiguration, in AWS's order.
_ORDER = (
    "UUID",
    "StartingPosition",
    "BatchSize",
    "MaximumBatchingWindowInSeconds",
    "ParallelizationFactor",
    "EventSourceArn",
    "FilterCriteria",
    "FunctionArn",
    "LastModified",
    "LastProcessingResult",
    "State",
    "StateTransitionReason",
    "DestinationConfig",
    "MaximumRecordAgeInSeconds",
    "BisectBatchOnFunctionError",
    "MaximumRetryAttempts",
    "TumblingWindowInSeconds",
    "FunctionResponseTypes",
    "ScalingConfig",
    "EventSourceMappingArn",
)
#: ListEventSourceMappings' largest page (and the default).
_PAGE = 100
_POSITIONS = ("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP")
_TRANSITIONAL = ("Creating", "Updating", "Enabling", "Disabling", "Deleting")


class EventSourceMappings:
    """The engine's event source mapping operations (mixed into ``LambdaService``).

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> table = cloud.dynamo.create_table(TableName="tbl", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    >>> seen = []
    >>> fn = cloud.lambda_.create_function("f", handler=lambda e, c: seen.extend(
    ...     r["dynamodb"]["Keys"]["id"]["S"] for r in e["Records"]))
    >>> engine = cloud.engine("lambda")
    >>> made = engine.create_event_source_mapping({"EventSourceArn": table.stream.arn,
    ...     "FunctionName": "f", "StartingPosition": "LATEST", "BatchSize": 10})
    >>> made["State"], engine.get_event_source_mapping(made["UUID"])["State"]
    ('Creating', 'Enabled')
    >>> _ = table.put_item(Item={"id": "a"})
    >>> _ = cloud.advance(1)  # the poller runs on the clock
    >>> seen
    ['a']
    """

    cloud: Cloud
    region: str
    limits: LambdaLimits
    state_delay: float
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _lookup(
            self, ref: str, qualifier: str | None = None
        ) -> tuple[FunctionState, str | None]: ...

        def _config_for(self, fn: FunctionState, qualifier: str | None) -> FunctionConfig: ...

        def invoke(
            self, ref: str, payload: bytes = b"", *, invocation_type: str = "RequestResponse"
        ) -> Invocation: ...

    # -- state -------------------------------------------------------------------------------
    @property
    def _mappings(self) -> dict[str, Poller | SqsPoller]:
        found: dict[str, Poller | SqsPoller] | None = self.__dict__.get("_esm_by_uuid")
        if found is None:
            found = self.__dict__.setdefault("_esm_by_uuid", {})
        return found

    def _mapping(self, uuid: Any) -> Poller | SqsPoller:
        found = self._mappings.get(uuid) if isinstance(uuid, str) else None
        if found is None:
            raise ResourceNotFoundException(m.MAPPING_NOT_FOUND)
        return found

    def _esm_function(self, ref: Any, *, creating: bool = False) -> str:
        """The (possibly qualified) function ARN a FunctionName names; it must exist
        (CreateEventSourceMapping says so in its own words, as AWS answers)."""
        try:
            fn, q = self._lookup(ref)  # a malformed name: ValidationException, with the pattern
            self._config_for(fn, q)
        except ResourceNotFoundException:
            if creating:
                raise InvalidParameterValueException(m.FUNCTION_MISSING) from None
            raise
        return fn.arn if q is None else f"{fn.arn}:{q}"

    def _esm_shape(self, p: Poller | SqsPoller, state: str | None = None) -> dict[str, Any]:
        if isinstance(p, SqsPoller):
            return self._esm_queue_shape(p, state)
        out: dict[str, Any] = {
            "UUID": p.uuid,
            "StartingPosition": p.starting_position,
            **p.settings.shape(),
            "EventSourceArn": p.stream_arn,
            "FunctionArn": p.function_arn,
            "LastModified": datetime.fromtimestamp(p.modified, UTC),
            "LastProcessingResult": p.last_result,
            "State": state or p.state,
            "StateTransitionReason": "User action",
            "EventSourceMappingArn": arn(
                "lambda", self.region, self.cloud.account_id, f"event-source-mapping:{p.uuid}"
            ),
        }
        # The members in AWS's order (the settings' ones sit between the others).
        order = _ORDER
        return {k: out[k] for k in order if k in out}

    def _esm_queue_shape(self, p: SqsPoller, state: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "UUID": p.uuid,
            **p.settings.shape(),
            "EventSourceArn": p.queue_arn,
            "FunctionArn": p.function_arn,
            "LastModified": datetime.fromtimestamp(p.modified, UTC),
            "State": state or p.state,
            "StateTransitionReason": "USER_INITIATED",
            "EventSourceMappingArn": arn(
                "lambda", self.region, self.cloud.account_id, f"event-source-mapping:{p.uuid}"
            ),
        }
        return {k: out[k] for k in _ORDER if k in out}

    def _esm_settle(self, p: Poller | SqsPoller, final: str) -> None:
        """Reach ``final`` state now, or after the state delay (on the scheduler)."""
        if self.state_delay > 0:
            self.cloud.scheduler.call_later(
                self.state_delay, self._esm_arrive, p, final, name=f"lambda esm {p.uuid}"
            )
        else:
            self._esm_arrive(p, final)

    def _esm_arrive(self, p: Poller | SqsPoller, final: str) -> None:
        with self._lock:
            self._esm_arrive_now(p, final)

    def _esm_arrive_now(self, p: Poller | SqsPoller, final: str) -> None:
        if final == "Deleted":
            p.stop()
            self._mappings.pop(p.uuid, None)
            self._esm_watch(p, stop=True)
            return
        p.state = final
        p.enabled = final == "Enabled"
        if p.enabled:
            p.wake()
        else:
            p.stop()

    def _esm_watch(self, p: Poller | SqsPoller, *, stop: bool = False) -> None:
        if isinstance(p, SqsPoller):
            p.watch(stop=stop)
            return
        tables = self.cloud.engine("dynamodb", self.region)
        tables.stream_notify(p.stream_arn, p.wake, stop=stop)

    # -- CreateEventSourceMapping --------------------------------------------------------------
    def create_event_source_mapping(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """CreateEventSourceMapping for a DynamoDB stream: the new mapping's shape."""
        with self._lock:
            return self._esm_create(request)

    def _esm_create(self, request: Mapping[str, Any]) -> dict[str, Any]:
        p = dict(request)
        checks = Checks()
        checks.required(p.get("FunctionName"), "functionName")
        checks.raise_if_any()
        source = p.get("EventSourceArn")
        if source is None:
            raise InvalidParameterValueException(m.NO_SOURCE)
        if isinstance(source, str) and SQS_ARN.match(source):
            return self._esm_create_queue(p, source)
        refuse_foreign(p)
        if not isinstance(source, str) or not m.STREAM_ARN.match(source):
            raise InvalidParameterValueException(m.UNSUPPORTED_SOURCE.format(arn=source))
        settings = parse_settings(p)
        position = _starting_position(p, source)
        enabled = p.get("Enabled", True)
        if not isinstance(enabled, bool):
            raise InvalidParameterValueException("Enabled must be a boolean")
        function_arn = self._esm_function(p["FunctionName"], creating=True)
        self._esm_readable(source)
        self._esm_unique(source, function_arn, None)
        now = self.cloud.clock.time()
        poller = Poller(
            service=self,
            uuid=self.cloud.ids.uuid(),
            stream_arn=source,
            function_arn=function_arn,
            settings=settings,
            starting_position=position,
            created=now,
            enabled=False,
            modified=now,
            serial=self.__dict__.setdefault("_esm_serial", 0) + 1,
        )
        self.__dict__["_esm_serial"] = poller.serial
        poller.discover(first=True)
        self._mappings[poller.uuid] = poller
        self._esm_watch(poller)
        shape = self._esm_shape(poller, "Creating")
        self._esm_settle(poller, "Enabled" if enabled else "Disabled")
        return shape

    def _esm_create_queue(self, p: Mapping[str, Any], source: str) -> dict[str, Any]:
        """CreateEventSourceMapping for an SQS queue (see ``_esm_sqs``)."""
        refuse_foreign(p, allow=("ScalingConfig",))
        settings = parse_sqs_settings(p, source.endswith(".fifo"))
        enabled = p.get("Enabled", True)
        if not isinstance(enabled, bool):
            raise InvalidParameterValueException("Enabled must be a boolean")
        function_arn = self._esm_function(p["FunctionName"], creating=True)
        self._esm_queue_fits(source, function_arn)
        self._esm_unique(source, function_arn, None)
        now = self.cloud.clock.time()
        poller = SqsPoller(
            service=self,
            uuid=self.cloud.ids.uuid(),
            queue_arn=source,
            function_arn=function_arn,
            settings=settings,
            created=now,
            modified=now,
            serial=self.__dict__.setdefault("_esm_serial", 0) + 1,
        )
        self.__dict__["_esm_serial"] = poller.serial
        self._mappings[poller.uuid] = poller
        self._esm_watch(poller)
        shape = self._esm_shape(poller, "Creating")
        self._esm_settle(poller, "Enabled" if enabled else "Disabled")
        return shape

    def _esm_queue_fits(self, source: str, function_arn: str) -> None:
        """The queue exists, and its visibility timeout covers the function's timeout."""
        try:
            sqs = self.cloud.engine("sqs", source.split(":")[3])
            url = sqs.queue_url_for_arn(source)
        except (ValueError, KeyError):
            url = None
        if url is None:
            raise InvalidParameterValueException(QUEUE_MISSING)
        found = sqs.get_queue_attributes({"QueueUrl": url, "AttributeNames": ["VisibilityTimeout"]})
        visibility = int(found["Attributes"].get("VisibilityTimeout", 30))
        fn, q = self._lookup(function_arn)
        timeout = self._config_for(fn, q).timeout
        if visibility < timeout:
            raise InvalidParameterValueException(
                VISIBILITY_SHORT.format(queue=visibility, function=timeout)
            )

    def _esm_readable(self, source: str) -> None:
        streams = self.cloud.engine("dynamodbstreams", self.region)
        try:
            streams.describe_stream({"StreamArn": source, "Limit": 1})
        except AWSError:
            raise InvalidParameterValueException(m.STREAM_UNREADABLE.format(arn=source)) from None

    def _esm_unique(self, source: str, function_arn: str, uuid: str | None) -> None:
        for other in self._mappings.values():
            same = other.source == source and other.function_arn == function_arn
            if same and other.uuid != uuid:
                text = SQS_MAPPING_EXISTS if isinstance(other, SqsPoller) else m.MAPPING_EXISTS
                # AWS names the function by its name (and qualifier), not its ARN.
                name = function_arn.partition(":function:")[2]
                raise ResourceConflictException(
                    text.format(arn=source, function=name, uuid=other.uuid)
                )

    # -- Get / Delete / List ---------------------------------------------------------------------
    def get_event_source_mapping(self, uuid: str) -> dict[str, Any]:
        """GetEventSourceMapping: the mapping's shape (ResourceNotFoundException if none)."""
        return self._esm_shape(self._mapping(uuid))

    def delete_event_source_mapping(self, uuid: str) -> dict[str, Any]:
        """DeleteEventSourceMapping: the mapping's shape, ``State`` ``Deleting``."""
        with self._lock:
            return self._esm_delete(uuid)

    def _esm_delete(self, uuid: str) -> dict[str, Any]:
        p = self._mapping(uuid)
        if self.state_delay > 0 and p.state in _TRANSITIONAL:
            raise ResourceInUseException(m.IN_USE)
        p.enabled = False
        p.stop()
        p.state = "Deleting"
        shape = self._esm_shape(p)
        self._esm_settle(p, "Deleted")
        return shape

    def list_event_source_mappings(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ListEventSourceMappings, by EventSourceArn and/or FunctionName, paged."""
        with self._lock:
            return self._esm_list(request)

    def _esm_list(self, request: Mapping[str, Any]) -> dict[str, Any]:
        found = list(self._mappings.values())
        source = request.get("EventSourceArn")
        if source is not None:
            found = [p for p in found if p.source == source]
        ref = request.get("FunctionName")
        if ref is not None:
            parsed = parse_function_name(ref) if isinstance(ref, str) else None
            if parsed is None:
                raise InvalidParameterValueException(f"Invalid FunctionName: {ref}")
            name, q = parsed
            found = [p for p in found if _names(p.function_arn, name, q)]
        found.sort(key=lambda p: p.serial)
        keyed = [(f"{p.serial:012d}", p) for p in found]
        size = request.get("MaxItems")
        checks = Checks()
        checks.int_range(size, "maxItems", 1, self.limits.max_list_items)
        checks.raise_if_any()
        # AWS answers at most 100 mappings a page, whatever MaxItems says.
        size = _PAGE if size is None else min(size, _PAGE)
        page, marker = paginate(
            keyed, lambda item: item[0], request.get("Marker"), size, self.limits
        )
        out: dict[str, Any] = {"EventSourceMappings": [self._esm_shape(p) for _, p in page]}
        if marker is not None:
            out["NextMarker"] = marker
        return out

    # -- UpdateEventSourceMapping ------------------------------------------------------------
    def update_event_source_mapping(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateEventSourceMapping: change settings, the function, or Enabled."""
        with self._lock:
            return self._esm_update(request)

    def _esm_update(self, request: Mapping[str, Any]) -> dict[str, Any]:
        p = self._mapping(request.get("UUID"))
        if isinstance(p, SqsPoller):
            return self._esm_update_queue(p, request)
        refuse_foreign(request)
        settings = parse_settings(request, p.settings)
        enabled = request.get("Enabled")
        if enabled is not None and not isinstance(enabled, bool):
            raise InvalidParameterValueException("Enabled must be a boolean")
        function_arn = p.function_arn
        if request.get("FunctionName") is not None:
            function_arn = self._esm_function(request["FunctionName"])
            self._esm_unique(p.stream_arn, function_arn, p.uuid)
        if self.state_delay > 0 and p.state in _TRANSITIONAL:
            raise ResourceInUseException(m.IN_USE)
        was = p.state in ("Enabled", "Enabling", "Creating", "Updating")
        on = was if enabled is None else enabled
        state = "Updating" if on == was else ("Enabling" if on else "Disabling")
        p.settings, p.function_arn = settings, function_arn
        p.relane()
        p.modified = self.cloud.clock.time()
        p.state = state
        shape = self._esm_shape(p)
        self._esm_settle(p, "Enabled" if on else "Disabled")
        return shape

    def _esm_update_queue(self, p: SqsPoller, request: Mapping[str, Any]) -> dict[str, Any]:
        refuse_foreign(request, allow=("ScalingConfig",))
        settings = parse_sqs_settings(request, p.fifo, p.settings)
        enabled = request.get("Enabled")
        if enabled is not None and not isinstance(enabled, bool):
            raise InvalidParameterValueException("Enabled must be a boolean")
        function_arn = p.function_arn
        if request.get("FunctionName") is not None:
            function_arn = self._esm_function(request["FunctionName"])
            self._esm_queue_fits(p.queue_arn, function_arn)
            self._esm_unique(p.queue_arn, function_arn, p.uuid)
        if self.state_delay > 0 and p.state in _TRANSITIONAL:
            raise ResourceInUseException(m.IN_USE)
        was = p.state in ("Enabled", "Enabling", "Creating", "Updating")
        on = was if enabled is None else enabled
        p.settings, p.function_arn = settings, function_arn
        p.modified = self.cloud.clock.time()
        p.state = "Updating" if on == was else ("Enabling" if on else "Disabling")
        shape = self._esm_shape(p)
        self._esm_settle(p, "Enabled" if on else "Disabled")
        return shape

    # -- the resource layer --------------------------------------------------------------------
    def subscribe_stream(
        self, stream_arn: str, function: Any, **options: Any
    ) -> EventSourceMapping:
        """A mapping from stream ``stream_arn`` to ``function`` (``table.stream.subscribe``)."""
        ref = function if isinstance(function, str) else getattr(function, "arn", function)
        request = _request(stream_arn, ref, options)
        made = self.create_event_source_mapping(request)
        return EventSourceMapping(self, made["UUID"])

    def subscribe_queue(self, queue_arn: str, function: Any, **options: Any) -> EventSourceMapping:
        """A mapping from SQS queue ``queue_arn`` to ``function`` (a name, ARN or Function).

        Keywords: ``batch_size``, ``batching_window``, ``report_batch_item_failures``,
        ``filters`` (patterns, as dicts or JSON text), ``max_concurrency``, ``enabled``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> sqs = cloud.client("sqs")
        >>> url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        >>> seen = []
        >>> fn = cloud.lambda_.create_function("work", handler=lambda e, c: seen.extend(
        ...     r["body"] for r in e["Records"]))
        >>> mapping = cloud.engine("lambda").subscribe_queue(
        ...     "arn:aws:sqs:us-east-1:123456789012:jobs", fn, filters=[{"body": ["b"]}])
        >>> for body in ("a", "b"):
        ...     _ = sqs.send_message(QueueUrl=url, MessageBody=body)
        >>> _ = cloud.run_until_idle()
        >>> seen, mapping.metrics().filtered
        (['b'], 1)
        """
        ref = function if isinstance(function, str) else getattr(function, "arn", function)
        request: dict[str, Any] = {"EventSourceArn": queue_arn, "FunctionName": ref}
        for key, value in options.items():
            if key in _QUEUE_OPTIONS:
                request[_QUEUE_OPTIONS[key]] = value
            elif key == "max_concurrency":
                request["ScalingConfig"] = {"MaximumConcurrency": value}
            elif key in ("report_batch_item_failures", "filters"):
                request.update(_request("", ref, {key: value}))
            else:
                raise TypeError(f"subscribe_queue() got an unexpected keyword argument {key!r}")
        request.pop("StartingPosition", None)
        request["EventSourceArn"] = queue_arn
        made = self.create_event_source_mapping(request)
        return EventSourceMapping(self, made["UUID"])

    def event_source_mapping(self, uuid: str) -> EventSourceMapping:
        """The mapping ``uuid`` as a resource-layer object."""
        self._mapping(uuid)
        return EventSourceMapping(self, uuid)

    def esm_metrics(self, uuid: str) -> EsmMetrics:
        """A copy of mapping ``uuid``'s metrics."""
        return self._mapping(uuid).metrics.snapshot()

    def esm_failures(self, uuid: str) -> list[dict[str, Any]]:
        """The invocation records of mapping ``uuid``'s discarded batches, oldest first."""
        return json.loads(json.dumps(self._mapping(uuid).failures))  # type: ignore[no-any-return]


def _starting_position(p: Mapping[str, Any], source: str) -> str:
    position = p.get("StartingPosition")
    if position is None:
        raise InvalidParameterValueException(m.STARTING_POSITION_REQUIRED)
    if position not in _POSITIONS:
        checks = Checks()
        checks.add(
            position,
            "startingPosition",
            "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
        )
        checks.raise_if_any()
    if position == "AT_TIMESTAMP":
        raise InvalidParameterValueException(m.UNSUPPORTED_POSITION.format(arn=source))
    if p.get("StartingPositionTimestamp") is not None:
        raise InvalidParameterValueException(m.TIMESTAMP_UNEXPECTED)
    return str(position)


def _names(function_arn: str, name: str, qualifier: str | None) -> bool:
    base, _, q = function_arn.partition(":function:")[2].partition(":")
    return base == name and (qualifier is None or q == qualifier)


_OPTIONS = {
    "batch_size": "BatchSize",
    "batching_window": "MaximumBatchingWindowInSeconds",
    "parallelization": "ParallelizationFactor",
    "bisect": "BisectBatchOnFunctionError",
    "max_retries": "MaximumRetryAttempts",
    "max_record_age": "MaximumRecordAgeInSeconds",
    "tumbling_window": "TumblingWindowInSeconds",
    "enabled": "Enabled",
    "starting_position": "StartingPosition",
}


_QUEUE_OPTIONS = {
    "batch_size": "BatchSize",
    "batching_window": "MaximumBatchingWindowInSeconds",
    "enabled": "Enabled",
}


def _request(stream_arn: str, ref: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    """The CreateEventSourceMapping request ``subscribe``'s keywords mean."""
    request: dict[str, Any] = {
        "EventSourceArn": stream_arn,
        "FunctionName": ref,
        "StartingPosition": "TRIM_HORIZON",
    }
    for key, value in options.items():
        if key in _OPTIONS:
            request[_OPTIONS[key]] = value
        elif key == "report_batch_item_failures":
            request["FunctionResponseTypes"] = ["ReportBatchItemFailures"] if value else []
        elif key == "on_failure":
            target = value if isinstance(value, str) or value is None else value.arn
            request["DestinationConfig"] = {"OnFailure": {"Destination": target}}
        elif key == "filters":
            texts = [f if isinstance(f, str) else json.dumps(f) for f in value or ()]
            request["FilterCriteria"] = {"Filters": [{"Pattern": t} for t in texts]}
        else:
            raise TypeError(f"subscribe() got an unexpected keyword argument {key!r}")
    return request


class EventSourceMapping:
    """A Lambda event source mapping in the resource layer (``table.stream.subscribe``).

    ``describe()`` is GetEventSourceMapping's answer; ``metrics()`` what the mapping has
    done; ``failures()`` the invocation records of the batches it gave up on (what an
    OnFailure destination receives, kept here whether or not one is set); ``update(...)``
    takes UpdateEventSourceMapping's members; ``delete()`` removes it.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> table = cloud.dynamo.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    >>> fn = cloud.lambda_.create_function("broken", handler=lambda e, c: 1 / 0)
    >>> mapping = table.stream.subscribe(fn, max_retries=0)
    >>> _ = table.put_item(Item={"id": "a"})
    >>> _ = cloud.advance(1)
    >>> mapping.metrics().discarded
    1
    >>> [f["requestContext"]["condition"] for f in mapping.failures()]
    ['RetryAttemptsExhausted']
    >>> mapping.update(Enabled=False)["State"]
    'Disabling'
    >>> mapping.describe()["State"]
    'Disabled'
    >>> mapping.delete()
    """

    def __init__(self, engine: EventSourceMappings, uuid: str) -> None:
        self._engine = engine
        self.uuid = uuid

    def describe(self) -> dict[str, Any]:
        return self._engine.get_event_source_mapping(self.uuid)

    def metrics(self) -> EsmMetrics:
        return self._engine.esm_metrics(self.uuid)

    def failures(self) -> list[dict[str, Any]]:
        return self._engine.esm_failures(self.uuid)

    def update(self, **members: Any) -> dict[str, Any]:
        return self._engine.update_event_source_mapping({**members, "UUID": self.uuid})

    def delete(self) -> None:
        self._engine.delete_event_source_mapping(self.uuid)

    def __repr__(self) -> str:
        try:
            d = self.describe()
        except AWSError:
            return f"<EventSourceMapping {self.uuid} (deleted)>"
        source = d["EventSourceArn"]
        name = source.split("/")[1] if "/" in source else source.rsplit(":", 1)[-1]
        function = d["FunctionArn"].partition(":function:")[2]
        return f"<EventSourceMapping {self.uuid} {name} -> {function} {d['State']}>"
