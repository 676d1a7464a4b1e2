"""AWS STS, as much as test suites call first: ``GetCallerIdentity``.

>>> from pyserverless import Cloud
>>> answer = Cloud.manual().client("sts").get_caller_identity()
>>> answer["Account"], answer["Arn"]
('123456789012', 'arn:aws:iam::123456789012:root')
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import STSClient
from ._engine import STS
from ._limits import STSLimits

__all__ = ["STS", "STSClient", "STSLimits"]

publish(__name__, __all__, globals())
