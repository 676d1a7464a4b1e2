"""Table settings DynamoDB describes but pyserverless does not enforce.

Server-side encryption (``SSESpecification`` -> ``SSEDescription``), on-demand maximum
throughput (``OnDemandThroughput``) and warm throughput (``WarmThroughput``) are
validated, stored and described as DynamoDB describes them. Nothing is encrypted and
no request is throttled: throughput limits are a later issue (docs/dynamodb.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _table_messages as msg
from ._errors import ValidationException
from ._validation import Constraints

__all__ = [
    "describe_on_demand",
    "describe_warm",
    "kms_key_arn",
    "parse_on_demand",
    "parse_sse",
    "parse_warm",
]

SSE_TYPES = ("AES256", "KMS")


def parse_sse(spec: Any, path: str) -> tuple[bool, str | None] | None:
    """``(enabled, KMS key id or None)`` of an SSESpecification; None when absent.

    ``Enabled`` true means a KMS key (the AWS managed ``aws/dynamodb`` key unless
    ``KMSMasterKeyId`` names one); false means the AWS owned key, which DynamoDB does
    not describe.
    """
    if spec is None:
        return None
    c = Constraints()
    c.enum(spec.get("SSEType"), f"{path}.sSEType", SSE_TYPES)
    c.raise_if_any()
    sse_type = spec.get("SSEType")
    key = spec.get("KMSMasterKeyId")
    enabled = spec.get("Enabled")
    # DynamoDB's order and texts (ack-api-quirks DDB-TABLE-036, 2026-10); an SSEType
    # without Enabled turns KMS encryption on.
    if enabled is False and sse_type is not None:
        raise ValidationException(msg.SSE_TYPE_WHEN_DISABLED)
    if enabled is False and key is not None:
        raise ValidationException(msg.SSE_KEY_WHEN_DISABLED)
    if sse_type is not None and sse_type != "KMS":
        raise ValidationException(msg.SSE_TYPE_UNSUPPORTED.format(type=sse_type))
    if key is not None and sse_type is None:
        raise ValidationException(msg.SSE_KEY_NEEDS_TYPE)
    return (bool(enabled) if enabled is not None else sse_type is not None), key


def kms_key_arn(
    key: str | None, *, region: str, account: str, ids: Any, keys: dict[str, str]
) -> str:
    """The key ARN DynamoDB reports for ``KMSMasterKeyId`` (None: the AWS managed key).

    A key id or key ARN is reported as that key's ARN. An alias (``alias/x`` or its ARN)
    and the AWS managed key stand for a key pyserverless does not hold: each gets a
    seeded key id, the same for the same alias in one engine (``keys`` remembers it).
    """
    prefix = f"arn:aws:kms:{region}:{account}:"
    if key is not None and key.startswith("arn:") and ":key/" in key:
        return key
    if key is not None and not key.startswith("arn:") and not key.startswith("alias/"):
        return f"{prefix}key/{key}"
    alias = "alias/aws/dynamodb" if key is None else key.split(":")[-1]
    key_id = keys.get(alias)
    if key_id is None:
        key_id = keys[alias] = ids.uuid()
    return f"{prefix}key/{key_id}"


def describe_sse(arn: str) -> dict[str, Any]:
    return {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": arn}


def _units(spec: Mapping[str, Any], names: tuple[str, str], path: str, low: int) -> dict[str, int]:
    c = Constraints()
    out: dict[str, int] = {}
    for name in names:
        value = spec.get(name)
        if value is None:
            continue
        field = name[0].lower() + name[1:]
        if value != -1:
            c.at_least(value, f"{path}.{field}", low)
        out[name] = int(value)
    c.raise_if_any()
    return out


def parse_on_demand(spec: Any, path: str) -> dict[str, int] | None:
    """An OnDemandThroughput (maximum request units; -1 is "no maximum")."""
    if spec is None:
        return None
    return _units(spec, ("MaxReadRequestUnits", "MaxWriteRequestUnits"), path, 1)


def describe_on_demand(value: Mapping[str, int]) -> dict[str, int]:
    return {
        "MaxReadRequestUnits": value.get("MaxReadRequestUnits", -1),
        "MaxWriteRequestUnits": value.get("MaxWriteRequestUnits", -1),
    }


def parse_warm(spec: Any, path: str) -> dict[str, int] | None:
    """A WarmThroughput (read and write units per second the table is warmed to)."""
    if spec is None:
        return None
    return _units(spec, ("ReadUnitsPerSecond", "WriteUnitsPerSecond"), path, 1)


def describe_warm(
    warm: Mapping[str, int] | None,
    throughput: tuple[int, int] | None,
    defaults: tuple[int, int],
) -> dict[str, Any]:
    """``WarmThroughput`` as DescribeTable shows it for a table or a GSI.

    Every table and GSI has one: the values set, else, in provisioned mode, the
    provisioned throughput (AWS's answers for a provisioned table or GSI), else the
    defaults of a new on-demand table.

    >>> describe_warm(None, (5, 3), (12000, 4000))["ReadUnitsPerSecond"]
    5
    >>> describe_warm(None, None, (12000, 4000))["WriteUnitsPerSecond"]
    4000
    """
    read, write = defaults if throughput is None else throughput
    if warm:
        read = warm.get("ReadUnitsPerSecond", read)
        write = warm.get("WriteUnitsPerSecond", write)
    return {"ReadUnitsPerSecond": read, "WriteUnitsPerSecond": write, "Status": "ACTIVE"}
