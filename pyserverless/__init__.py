"""pyserverless: AWS serverless primitives, in memory, in pure Python.

>>> from datetime import UTC, datetime
>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock(datetime(2025, 1, 1, tzinfo=UTC)), seed=0)
>>> cloud.now().isoformat()
'2025-01-01T00:00:00+00:00'
"""

from typing import TYPE_CHECKING, Any

from ._core.clock import Clock, ManualClock, SystemClock
from ._core.errors import AWSError, ParamValidationError, PyServerlessError
from ._core.exports import publish
from ._core.limits import Limits
from ._core.scheduler import Scheduler, TaskHandle
from ._core.snapshot import CloudSnapshot
from .cloud import Cloud

if TYPE_CHECKING:
    from .adapters.bridge import mock_aws

__version__ = "0.1.0"

__all__ = [
    "AWSError",
    "Clock",
    "Cloud",
    "CloudSnapshot",
    "Limits",
    "ManualClock",
    "ParamValidationError",
    "PyServerlessError",
    "Scheduler",
    "SystemClock",
    "TaskHandle",
    "__version__",
    "mock_aws",
]


def __getattr__(name: str) -> Any:
    # mock_aws is imported on first use: importing pyserverless never loads the bridge.
    if name == "mock_aws":
        from .adapters.bridge import mock_aws

        return mock_aws
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


publish(__name__, __all__, globals())
del publish
