"""Fault plans: what a harness draws to prove that an app retries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

if TYPE_CHECKING:
    from .._core.faults import Fault
    from ..cloud import Cloud

__all__ = ["FaultPlan", "fault_plans"]

# Errors AWS returns when a call may be retried: what a retrying app must survive.
_RETRYABLE = {
    "dynamodb": (
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
    ),
    "lambda": ("TooManyRequestsException", "ServiceException"),
    "cognito-idp": ("TooManyRequestsException", "InternalErrorException"),
}


@attrs.frozen
class FaultPlan:
    """A drawn fault: fail ``times`` calls of ``service``.``operation`` with ``error``."""

    service: str
    operation: str
    error: str
    times: int

    def apply(self, cloud: Cloud) -> Fault:
        """Plan it on ``cloud`` (``cloud.faults.fail``); the planned fault."""
        return cloud.faults.fail(self.service, self.operation, error=self.error, times=self.times)


def fault_plans(
    *,
    service: str = "dynamodb",
    operations: Sequence[str] = ("PutItem", "GetItem", "Query", "UpdateItem"),
    errors: Sequence[str] | None = None,
    max_times: int = 3,
) -> st.SearchStrategy[FaultPlan]:
    """Fault plans for a harness that proves an app retries correctly: which operation
    fails, with which retryable AWS error (or ``errors``), how many times in a row.

    >>> from hypothesis import given
    >>> from pyserverless import Cloud
    >>> @given(fault_plans(operations=["ListTables"]))
    ... def test(plan):
    ...     cloud = Cloud.manual()
    ...     fault = plan.apply(cloud)
    ...     assert fault.remaining == plan.times >= 1
    >>> test()
    """
    if service not in _RETRYABLE and errors is None:
        raise ValueError(f"no default errors for {service!r}; pass errors=[...]")
    choices = tuple(errors) if errors is not None else _RETRYABLE[service]
    return st.builds(
        FaultPlan,
        service=st.just(service),
        operation=st.sampled_from(tuple(operations)),
        error=st.sampled_from(choices),
        times=st.integers(min_value=1, max_value=max_times),
    )
