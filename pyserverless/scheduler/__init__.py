"""Amazon EventBridge Scheduler: schedules that invoke Lambda functions on the Cloud's clock.

``cloud.client("scheduler")`` is boto3's client (REST-JSON on the doors). Schedule
expressions (``at()``, ``rate()``, ``cron()``) are EventBridge's parser
(``pyserverless.events``) read in ``ScheduleExpressionTimezone``.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> scheduler = cloud.client("scheduler")
>>> scheduler.get_schedule_group(Name="default")["State"]
'ACTIVE'
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import SchedulerClient
from ._engine import SchedulerService
from ._errors import (
    ConflictException,
    InternalServerException,
    ResourceNotFoundException,
    SchedulerError,
    ServiceQuotaExceededException,
    ThrottlingException,
    ValidationException,
)
from ._limits import SchedulerLimits
from ._model import Attempt
from ._resource import Schedule, SchedulesResource

__all__ = [
    "Attempt",
    "ConflictException",
    "InternalServerException",
    "ResourceNotFoundException",
    "Schedule",
    "SchedulerClient",
    "SchedulerError",
    "SchedulerLimits",
    "SchedulerService",
    "SchedulesResource",
    "ServiceQuotaExceededException",
    "ThrottlingException",
    "ValidationException",
]

publish(__name__, __all__, globals())
