"""Event source mappings: their settings, how a request is checked, and their shape.

A request is parsed into a frozen :class:`EsmSettings` (every check first, in AWS's
order), so a refused request changes nothing. ``FilterCriteria`` patterns are compiled
with EventBridge's pattern language, ``pyserverless.events.compile_pattern`` (a public,
stateless library function: the one thing Lambda takes from another service's package).

Messages marked [O] were seen on AWS's wire in public threads; [?] ones are unconfirmed
and kept here, in one place, to be corrected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Protocol

import attrs

from ..events import InvalidEventPatternException, Pattern, compile_pattern
from ._errors import InvalidParameterValueException
from ._validate import Checks

__all__ = [
    "EsmSettings",
    "parse_filters",
    "parse_settings",
]

# -- messages ---------------------------------------------------------------------------
#: [O] serverless-application-model #1320, tmobile/jazz #74, anomalyco/sst #5975 (the
#: function by its name).
MAPPING_EXISTS = (
    'The event source arn (" {arn} ") and function (" {function} ") provided mapping '
    "already exists. Please update or delete the existing mapping with UUID {uuid}"
)
#: [O] the text GetEventSourceMapping answers for an unknown UUID.
MAPPING_NOT_FOUND = "The resource you requested does not exist."
#: [?] a stream the mapping cannot read (AWS words it as a permissions problem).
STREAM_UNREADABLE = (
    "Cannot access stream {arn}. Please ensure the role can perform the GetRecords, "
    "GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM."
)
#: A stream mapping without StartingPosition: AWS's answer (InvalidParameterValueException,
#: the validation sentence with a final period), recorded in localstack's
#: test_create_event_source_validation (2023-11).
STARTING_POSITION_REQUIRED = (
    "1 validation error detected: Value null at 'startingPosition' failed to satisfy "
    "constraint: Member must not be null."
)
#: [?] DynamoDB Streams has no AT_TIMESTAMP starting position for Lambda.
UNSUPPORTED_POSITION = "Unsupported starting position for arn type: {arn}"
#: [?]
TIMESTAMP_UNEXPECTED = "StartingPositionTimestamp is only valid with AT_TIMESTAMP."
#: [?]
RECORD_AGE_RANGE = "MaximumRecordAgeInSeconds must be -1 or between 60 and 604800, got {value}."
#: [O] the text for a FilterCriteria pattern that does not parse.
INVALID_FILTER = "Invalid filter pattern definition."
#: [?]
TOO_MANY_FILTERS = "The number of filters exceeds the limit of {limit}."
#: [?] AWS takes an SQS queue, an SNS topic or an S3 bucket for a stream's failures (no
#: Lambda function); pyserverless delivers to queues (SNS, and S3 records, not yet).
BAD_DESTINATION = (
    "Unsupported OnFailure destination for a DynamoDB stream event source mapping: {arn}. "
    "pyserverless sends OnFailure records to SQS queues (SNS topics and S3 buckets are not "
    "emulated here)."
)
#: [?]
ON_SUCCESS_UNSUPPORTED = (
    "Unsupported DestinationConfig parameter for given event source mapping type."
)
#: CreateEventSourceMapping without an EventSourceArn, and for a function that does not
#: exist (localstack test_lambda_api.snapshot.json, TestLambdaEventSourceMappings::
#: test_event_source_mapping_exceptions, recorded against AWS 2023-11).
NO_SOURCE = "Unrecognized event source."
FUNCTION_MISSING = "Function does not exist"
#: [?]
UNSUPPORTED_SOURCE = (
    "pyserverless maps DynamoDB streams and SQS queues only; got EventSourceArn {arn}"
)
#: [?]
NOT_FOR_STREAMS = "Unsupported {parameter} parameter for given event source mapping type."
#: [?] a mapping changing state (the state delay) cannot be changed again yet.
IN_USE = "Cannot update the event source mapping because it is in use."

#: The ARN forms accepted: a DynamoDB stream.
STREAM_ARN = re.compile(
    r"^arn:aws[a-z-]*:dynamodb:(?P<region>[a-z0-9-]+):\d{12}:table/[a-zA-Z0-9_.-]{3,255}/"
    r"stream/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$"
)
#: An SQS queue ARN (a FIFO queue's name ends in ``.fifo``).
SQS_ARN = re.compile(
    r"^arn:aws[a-z-]*:sqs:(?P<region>[a-z0-9-]+):\d{12}:(?P<name>[A-Za-z0-9_-]{1,80}"
    r"(\.fifo)?)$"
)
#: Settings of other event source types, refused for a DynamoDB stream.
_OTHER_SOURCES = (
    "Topics",
    "Queues",
    "SourceAccessConfigurations",
    "SelfManagedEventSource",
    "AmazonManagedKafkaEventSourceConfig",
    "SelfManagedKafkaEventSourceConfig",
    "DocumentDBEventSourceConfig",
    "ScalingConfig",
)
#: Settings accepted by AWS but not emulated: refused rather than stored and ignored.
_NOT_EMULATED = ("KMSKeyArn", "MetricsConfig", "LoggingConfig", "ProvisionedPollerConfig", "Tags")
#: Filters per mapping (AWS's default quota; adjustable to 10).
MAX_FILTERS = 5


@attrs.frozen
class EsmSettings:
    """What a mapping does: every setting of Create/UpdateEventSourceMapping, checked."""

    batch_size: int = 100
    window: int = 0
    parallelization: int = 1
    bisect: bool = False
    max_retries: int = -1
    max_age: int = -1
    tumbling: int = 0
    report_failures: bool = False
    on_failure: str | None = None
    #: The FilterCriteria as given (None: none), and its compiled patterns.
    filter_criteria: Mapping[str, Any] | None = None
    patterns: tuple[Pattern, ...] = ()

    def shape(self) -> dict[str, Any]:
        """The settings' members of an EventSourceMappingConfiguration."""
        out: dict[str, Any] = {
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": self.window,
            "ParallelizationFactor": self.parallelization,
        }
        if self.filter_criteria is not None:
            out["FilterCriteria"] = json.loads(json.dumps(self.filter_criteria))
        on_failure = {} if self.on_failure is None else {"Destination": self.on_failure}
        out["DestinationConfig"] = {"OnFailure": on_failure}
        out["MaximumRecordAgeInSeconds"] = self.max_age
        out["BisectBatchOnFunctionError"] = self.bisect
        out["MaximumRetryAttempts"] = self.max_retries
        out["TumblingWindowInSeconds"] = self.tumbling
        out["FunctionResponseTypes"] = ["ReportBatchItemFailures"] if self.report_failures else []
        return out


def refuse_foreign(p: Mapping[str, Any], allow: tuple[str, ...] = ()) -> None:
    """Settings of other source types (but ``allow``), and settings whose effect is not
    emulated."""
    for name in _OTHER_SOURCES:
        if name not in allow and p.get(name) is not None:
            raise InvalidParameterValueException(NOT_FOR_STREAMS.format(parameter=name))
    for name in _NOT_EMULATED:
        if p.get(name) is not None:
            raise InvalidParameterValueException(
                f"pyserverless does not emulate {name} on event source mappings; leave it out"
            )


def parse_settings(p: Mapping[str, Any], base: EsmSettings | None = None) -> EsmSettings:
    """``base`` (the defaults when None) with the members of request ``p`` applied."""
    base = base or EsmSettings()
    checks = Checks()
    ranges = (
        ("BatchSize", "batchSize", 1, 10_000),
        ("MaximumBatchingWindowInSeconds", "maximumBatchingWindowInSeconds", 0, 300),
        ("ParallelizationFactor", "parallelizationFactor", 1, 10),
        ("MaximumRetryAttempts", "maximumRetryAttempts", -1, 10_000),
        ("MaximumRecordAgeInSeconds", "maximumRecordAgeInSeconds", -1, 604_800),
        ("TumblingWindowInSeconds", "tumblingWindowInSeconds", 0, 900),
    )
    for member, field, lo, hi in ranges:
        checks.int_range(p.get(member), field, lo, hi)
    types = p.get("FunctionResponseTypes")
    if types is not None:
        if not isinstance(types, list) or len(types) > 1:
            checks.add(
                types, "functionResponseTypes", "Member must have length less than or equal to 1"
            )
        elif any(t != "ReportBatchItemFailures" for t in types):
            checks.add(
                types,
                "functionResponseTypes",
                "Member must satisfy constraint: [Member must satisfy enum value set: "
                "[ReportBatchItemFailures]]",
            )
    checks.raise_if_any()
    age = p.get("MaximumRecordAgeInSeconds", base.max_age)
    if age != -1 and age < 60:
        raise InvalidParameterValueException(RECORD_AGE_RANGE.format(value=age))
    bisect = p.get("BisectBatchOnFunctionError", base.bisect)
    if not isinstance(bisect, bool):
        raise InvalidParameterValueException("BisectBatchOnFunctionError must be a boolean")
    on_failure = _on_failure(p.get("DestinationConfig"), base.on_failure)
    criteria, patterns = parse_filters(p.get("FilterCriteria"), base)
    return EsmSettings(
        batch_size=p.get("BatchSize", base.batch_size),
        window=p.get("MaximumBatchingWindowInSeconds", base.window),
        parallelization=p.get("ParallelizationFactor", base.parallelization),
        bisect=bisect,
        max_retries=p.get("MaximumRetryAttempts", base.max_retries),
        max_age=age,
        tumbling=p.get("TumblingWindowInSeconds", base.tumbling),
        report_failures=base.report_failures if types is None else bool(types),
        on_failure=on_failure,
        filter_criteria=criteria,
        patterns=patterns,
    )


def _on_failure(config: Any, current: str | None) -> str | None:
    if config is None:
        return current
    if not isinstance(config, Mapping):
        raise InvalidParameterValueException("DestinationConfig must be an object")
    if config.get("OnSuccess"):
        raise InvalidParameterValueException(ON_SUCCESS_UNSUPPORTED)
    on_failure = config.get("OnFailure")
    if on_failure is None:
        return current
    if not isinstance(on_failure, Mapping):
        raise InvalidParameterValueException("DestinationConfig.OnFailure must be an object")
    target = on_failure.get("Destination")
    if target is None or target == "":
        return None
    if not isinstance(target, str) or not SQS_ARN.match(target):
        raise InvalidParameterValueException(BAD_DESTINATION.format(arn=target))
    return target


class _Filtered(Protocol):
    @property
    def filter_criteria(self) -> Mapping[str, Any] | None: ...
    @property
    def patterns(self) -> tuple[Pattern, ...]: ...


def parse_filters(
    criteria: Any, base: _Filtered
) -> tuple[Mapping[str, Any] | None, tuple[Pattern, ...]]:
    """A request's FilterCriteria (None: keep ``base``'s), checked and compiled."""
    if criteria is None:
        return base.filter_criteria, base.patterns
    if not isinstance(criteria, Mapping):
        raise InvalidParameterValueException(INVALID_FILTER)
    filters = criteria.get("Filters")
    if filters is None or filters == []:
        return None, ()  # an empty FilterCriteria removes the filters
    if not isinstance(filters, list):
        raise InvalidParameterValueException(INVALID_FILTER)
    if len(filters) > MAX_FILTERS:
        raise InvalidParameterValueException(TOO_MANY_FILTERS.format(limit=MAX_FILTERS))
    patterns: list[Pattern] = []
    for item in filters:
        text = item.get("Pattern") if isinstance(item, Mapping) else None
        if not isinstance(text, str) or len(text) > 4096:
            raise InvalidParameterValueException(INVALID_FILTER)
        try:
            patterns.append(compile_pattern(text))
        except InvalidEventPatternException:
            raise InvalidParameterValueException(INVALID_FILTER) from None
    kept = {"Filters": [{"Pattern": f["Pattern"]} for f in filters]}
    return kept, tuple(patterns)
