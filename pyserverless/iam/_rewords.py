"""IAM's own wording of a model constraint, where it differs from the usual envelope.

GetPolicyVersion names ``versionId`` without its value: "1 validation error detected:
Value at 'versionId' failed to satisfy constraint: ..." (the LocalStack suite's capture
from IAM, test_get_aws_managed_policy_version, 2026-02).

>>> _version_without_value(["Value 'v0' at 'versionId' failed to satisfy constraint: x"])
"1 validation error detected: Value at 'versionId' failed to satisfy constraint: x"
"""

from __future__ import annotations

import re

from .._core import shapes

__all__: list[str] = []

_VERSION_VALUE = re.compile(r"^Value '.*' at 'versionId' ", re.S)


def _version_without_value(problems: list[str]) -> str:
    return shapes.envelope([_VERSION_VALUE.sub("Value at 'versionId' ", p) for p in problems])


shapes._REWORDED[("iam", "GetPolicyVersion")] = _version_without_value
