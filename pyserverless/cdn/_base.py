"""What every part of the CloudFront engine shares: its state and small helpers."""

from __future__ import annotations

import copy
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ._errors import InvalidArgument, InvalidIfMatchVersion, PreconditionFailed
from ._limits import CloudFrontLimits
from ._managed import MANAGED_CACHE, MANAGED_ORIGIN_REQUEST, MANAGED_RESPONSE_HEADERS
from ._model import DistributionRecord, PolicyRecord

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._kvs import KvsRecord

__all__ = ["EngineBase", "Params", "Response", "check_if_match", "page"]

Params = dict[str, Any]
Response = dict[str, Any]
#: The three kinds of policy and their managed ones.
POLICY_KINDS = ("cache", "origin-request", "response-headers")


def check_if_match(given: str | None, etag: str) -> None:
    """AWS's If-Match rule: missing -> InvalidIfMatchVersion; stale -> PreconditionFailed."""
    if not given:
        raise InvalidIfMatchVersion(
            "The If-Match version is missing or not valid for the resource."
        )
    if given != etag:
        raise PreconditionFailed(
            "The precondition given in one or more of the request-header fields evaluated to false."
        )


def page(rows: list[Any], params: Params, max_page: int) -> tuple[list[Any], str | None, int]:
    """One page of ``rows`` after ``Marker`` (an index), its NextMarker and MaxItems."""
    marker = params.get("Marker") or ""
    start = 0
    if marker:
        if not (marker.isascii() and marker.isdigit()):  # "²".isdigit(), but not int's
            raise InvalidArgument("The parameter Marker is not valid.")
        start = int(marker)
    raw = params.get("MaxItems")
    try:
        size = max_page if raw in (None, "") else int(raw)
    except (TypeError, ValueError):
        raise InvalidArgument("The parameter MaxItems is not valid.") from None
    if size < 0:
        raise InvalidArgument("The parameter MaxItems is not valid.")
    size = min(size, max_page)
    end = start + size
    return rows[start:end], (str(end) if end < len(rows) else None), size


class EngineBase:
    """The engine's state; the operations live in the engine and its mixins."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: CloudFrontLimits = cloud.limits.for_service("cloudfront")
        self.lock = threading.RLock()
        self.distributions: dict[str, DistributionRecord] = {}
        #: CallerReference -> distribution id (CreateDistribution's idempotency).
        self.references: dict[str, str] = {}
        self.policies: dict[str, dict[str, PolicyRecord]] = {k: {} for k in POLICY_KINDS}
        #: CloudFront Functions: name -> {"DEVELOPMENT" | "LIVE": FunctionStage}.
        self.functions: dict[str, dict[str, Any]] = {}
        #: Bumped by every policy update (compiled cache behaviors are rebuilt).
        self.generation = 0
        #: Origin access controls (records shaped like policies: id, config, etag).
        self.oacs: dict[str, PolicyRecord] = {}
        #: Public keys and key groups (signed URLs and cookies), shaped like policies.
        self.public_keys: dict[str, PolicyRecord] = {}
        self.key_groups: dict[str, PolicyRecord] = {}
        #: KeyValueStores by id (``_kvs.KvsRecord``).
        self.kvs: dict[str, KvsRecord] = {}
        #: Custom origins registered with the Cloud: domain name -> callable / WSGI app.
        self.custom_origins: dict[str, Any] = {}
        now = cloud.clock.time()
        for kind, table in zip(
            POLICY_KINDS,
            (MANAGED_CACHE, MANAGED_ORIGIN_REQUEST, MANAGED_RESPONSE_HEADERS),
            strict=True,
        ):
            for pid, config in table.items():
                self.policies[kind][pid] = PolicyRecord(
                    pid, copy.deepcopy(config), self.etag(), now, managed=True
                )

    def etag(self) -> str:
        """A new version tag (CloudFront's look: ``E`` and 13 upper-case characters)."""
        return "E" + self.cloud.ids.alnum(13, upper=True)

    def arn(self, distribution_id: str) -> str:
        return f"arn:aws:cloudfront::{self.account_id}:distribution/{distribution_id}"

    @staticmethod
    def when(instant: float) -> datetime:
        return datetime.fromtimestamp(instant, UTC)
