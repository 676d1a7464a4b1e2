"""The CloudFront engine: distributions and invalidations (policies in a mixin).

Every operation takes botocore's parameter dict and answers botocore's response dict.
CloudFront is global: one engine per Cloud, in us-east-1 (where AWS signs its calls).

>>> from pyserverless import Cloud
>>> cf = Cloud.manual().engine("cloudfront", "us-east-1")
>>> config = {
...     "CallerReference": "r1", "Comment": "", "Enabled": True,
...     "Origins": {"Quantity": 1, "Items": [{"Id": "web", "DomainName": "example.com",
...         "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
...                                "OriginProtocolPolicy": "https-only"}}]},
...     "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "allow-all",
...         "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
... }
>>> made = cf.create_distribution({"DistributionConfig": config})
>>> made["Distribution"]["Status"], made["Distribution"]["DomainName"].endswith(".cloudfront.net")
('Deployed', True)
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from ._base import EngineBase, Params, Response, check_if_match, page
from ._errors import (
    BatchTooLarge,
    CNAMEAlreadyExists,
    DistributionAlreadyExists,
    DistributionNotDisabled,
    InvalidArgument,
    NoSuchDistribution,
    NoSuchInvalidation,
    TooManyDistributions,
    TooManyInvalidationsInProgress,
)
from ._functions import FunctionOps
from ._keys import KeyOps, check_key_groups
from ._kvs import KvsOps
from ._lambda_edge import check_associations
from ._lists import ListOps
from ._model import DistributionRecord, InvalidationRecord
from ._oac import OacOps
from ._pipeline import Edge, EdgeResponse, ViewerRequest, handle
from ._plan import check_distribution, check_update, items
from ._policies import PolicyOps

__all__ = ["CloudFront"]


class CloudFront(PolicyOps, OacOps, FunctionOps, KeyOps, ListOps, KvsOps, EngineBase):
    """CloudFront for one Cloud: distributions, policies and invalidations."""

    # -- distributions ----------------------------------------------------------------
    def create_distribution(self, params: Params) -> Response:
        """CreateDistribution: a new distribution (``CallerReference`` idempotent)."""
        config = copy.deepcopy(params["DistributionConfig"])
        with self.lock:
            ref = config["CallerReference"]
            existing = self.references.get(ref)
            if existing is not None:
                record = self.distributions[existing]
                if record.config != config:
                    raise DistributionAlreadyExists(
                        "The caller reference that you are using to create a distribution is "
                        "associated with another distribution."
                    )
                return self._created(record)
            check_distribution(config, self.limits, self.policies, self.oacs, self.functions)
            check_key_groups(config, self.key_groups, self.limits)
            check_associations(self, config)
            self._check_aliases(config, None)
            if len(self.distributions) >= self.limits.max_distributions:
                raise TooManyDistributions(
                    "Processing your request would cause you to exceed the maximum number of "
                    "distributions allowed."
                )
            dist_id = "E" + self.cloud.ids.alnum(13, upper=True)
            domain = f"d{self.cloud.ids.alnum(13).lower()}.cloudfront.net"
            record = DistributionRecord(
                dist_id, domain, config, self.etag(), self.cloud.clock.time()
            )
            self.distributions[dist_id] = record
            self.references[ref] = dist_id
            self._deploy(record)
            return self._created(record)

    def _created(self, record: DistributionRecord) -> Response:
        location = f"https://cloudfront.amazonaws.com/2020-05-31/distribution/{record.id}"
        return {"Distribution": self._describe(record), "Location": location, "ETag": record.etag}

    def get_distribution(self, params: Params) -> Response:
        """GetDistribution: the distribution, its status and its config."""
        with self.lock:
            record = self._distribution(params["Id"])
            return {"Distribution": self._describe(record), "ETag": record.etag}

    def get_distribution_config(self, params: Params) -> Response:
        """GetDistributionConfig: the config alone, with the ETag UpdateDistribution needs."""
        with self.lock:
            record = self._distribution(params["Id"])
            return {"DistributionConfig": copy.deepcopy(record.config), "ETag": record.etag}

    def update_distribution(self, params: Params) -> Response:
        """UpdateDistribution: replace the whole config (``IfMatch`` the current ETag)."""
        config = copy.deepcopy(params["DistributionConfig"])
        with self.lock:
            record = self._distribution(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            check_update(record.config, config)
            check_distribution(config, self.limits, self.policies, self.oacs, self.functions)
            check_key_groups(config, self.key_groups, self.limits)
            check_associations(self, config)
            self._check_aliases(config, record.id)
            record.config = config
            record.etag = self.etag()
            record.modified = self.cloud.clock.time()
            record.edge = None if record.edge is None else record.edge.reconfigured()
            self._deploy(record)
            return {"Distribution": self._describe(record), "ETag": record.etag}

    def delete_distribution(self, params: Params) -> Response:
        """DeleteDistribution: only a disabled, deployed distribution."""
        with self.lock:
            record = self._distribution(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            if record.config["Enabled"] or record.status != "Deployed":
                raise DistributionNotDisabled(
                    "The distribution you are trying to delete has not been disabled."
                )
            del self.distributions[record.id]
            self.references.pop(record.config["CallerReference"], None)
            return {}

    def list_distributions(self, params: Params) -> Response:
        """ListDistributions: summaries, a page at a time (``Marker``, ``MaxItems``)."""
        with self.lock:
            rows = sorted(self.distributions.values(), key=lambda r: r.id)
            chosen, next_marker, size = page(rows, params, 1000)
            listing: dict[str, Any] = {
                "Marker": params.get("Marker") or "",
                "MaxItems": size,
                "IsTruncated": next_marker is not None,
                "Quantity": len(chosen),
            }
            if chosen:
                listing["Items"] = [self._summary(r) for r in chosen]
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"DistributionList": listing}

    def _check_aliases(self, config: dict[str, Any], skip: str | None) -> None:
        """An alternate domain name (CNAME) belongs to one distribution at a time."""
        wanted = {a.lower() for a in items(config.get("Aliases"))}
        if not wanted:
            return
        for other in self.distributions.values():
            if other.id != skip and wanted & {
                a.lower() for a in items(other.config.get("Aliases"))
            }:
                raise CNAMEAlreadyExists(
                    "One or more of the CNAMEs you provided are already associated with a "
                    "different resource."
                )

    def _distribution(self, dist_id: str) -> DistributionRecord:
        record = self.distributions.get(dist_id)
        if record is None:
            raise NoSuchDistribution("The specified distribution does not exist.")
        return record

    def _describe(self, record: DistributionRecord) -> dict[str, Any]:
        in_progress = sum(1 for i in record.invalidations.values() if i.status == "InProgress")
        return {
            "Id": record.id,
            "ARN": self.arn(record.id),
            "Status": record.status,
            "LastModifiedTime": self.when(record.modified),
            "InProgressInvalidationBatches": in_progress,
            "DomainName": record.domain,
            "ActiveTrustedSigners": {"Enabled": False, "Quantity": 0},
            "ActiveTrustedKeyGroups": self._active_key_groups(record.config),
            "DistributionConfig": copy.deepcopy(record.config),
        }

    def _summary(self, record: DistributionRecord) -> dict[str, Any]:
        config = record.config
        out: dict[str, Any] = {
            "Id": record.id,
            "ARN": self.arn(record.id),
            "ETag": record.etag,
            "Status": record.status,
            "LastModifiedTime": self.when(record.modified),
            "DomainName": record.domain,
            "Staging": False,
        }
        for key, default in (
            ("Aliases", {"Quantity": 0}),
            ("Origins", {"Quantity": 0}),
            ("OriginGroups", {"Quantity": 0}),
            ("DefaultCacheBehavior", {}),
            ("CacheBehaviors", {"Quantity": 0}),
            ("CustomErrorResponses", {"Quantity": 0}),
            ("Comment", ""),
            ("PriceClass", "PriceClass_All"),
            ("Enabled", True),
            ("ViewerCertificate", {"CloudFrontDefaultCertificate": True}),
            ("Restrictions", {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}}),
            ("WebACLId", ""),
            ("HttpVersion", "http2"),
            ("IsIPV6Enabled", False),
        ):
            out[key] = copy.deepcopy(config.get(key, default))
        return out

    def _deploy(self, record: DistributionRecord) -> None:
        """InProgress now; Deployed at once, or after ``deploy_seconds`` on the clock."""
        delay = self.limits.deploy_seconds
        if delay <= 0:
            record.status = "Deployed"
            return
        record.status = "InProgress"
        self.cloud.scheduler.call_later(
            delay, functools.partial(self._deployed, record.id, record.etag)
        )

    def _deployed(self, dist_id: str, etag: str) -> None:
        with self.lock:
            record = self.distributions.get(dist_id)
            if record is not None and record.etag == etag:
                record.status = "Deployed"

    # -- the edge ----------------------------------------------------------------------
    def request(self, distribution_id: str, request: ViewerRequest) -> EdgeResponse:
        """Serve one viewer request through a distribution (the whole edge pipeline).

        The engine's lock is not held while the request runs: an origin (a Lambda function
        behind API Gateway, on its own thread) may call CloudFront's API itself.
        """
        with self.lock:
            record = self._distribution(distribution_id)
            if record.edge is None:
                record.edge = Edge()
        return handle(self, record, request)

    def edge(self, distribution_id: str) -> Edge:
        """The cache, statistics and access log of a distribution."""
        with self.lock:
            record = self._distribution(distribution_id)
            if record.edge is None:
                record.edge = Edge()
            edge: Edge = record.edge
            return edge

    def register_origin(self, domain: str, target: Any, *, wsgi: bool = False) -> None:
        """Make ``domain`` a custom origin answered by a Python callable or a WSGI app."""
        with self.lock:
            self.custom_origins[domain] = ("wsgi" if wsgi else "callable", target)

    # -- invalidations ----------------------------------------------------------------
    def create_invalidation(self, params: Params) -> Response:
        """CreateInvalidation: paths leave the cache when the batch completes."""
        batch = params["InvalidationBatch"]
        paths = tuple(items(batch["Paths"]))
        if len(paths) != batch["Paths"]["Quantity"]:
            raise InvalidArgument("Your request contains an inconsistent number of paths.")
        if not paths:
            raise InvalidArgument("Your request must contain at least one path.")
        for path in paths:
            if not path.startswith("/") or "*" in path[:-1]:
                raise InvalidArgument(
                    f"Your request contains one or more invalid invalidation paths: {path}"
                )
        with self.lock:
            record = self._distribution(params["DistributionId"])
            ref = batch["CallerReference"]
            for inv in record.invalidations.values():
                if inv.caller_reference == ref:
                    if inv.paths != paths:
                        raise InvalidArgument(
                            "Your request contains a caller reference that was "
                            "used for a previous invalidation batch for the "
                            "same distribution."
                        )
                    return self._inv_created(record, inv)
            self._check_invalidation_quota(record, paths)
            inv = InvalidationRecord(
                "I" + self.cloud.ids.alnum(13, upper=True), ref, paths, self.cloud.clock.time()
            )
            record.invalidations[inv.id] = inv
            self.cloud.scheduler.call_later(
                self.limits.invalidation_seconds,
                functools.partial(self._completed, record.id, inv.id),
            )
            return self._inv_created(record, inv)

    def _check_invalidation_quota(self, record: DistributionRecord, paths: tuple[str, ...]) -> None:
        running = [i for i in record.invalidations.values() if i.status == "InProgress"]
        files = sum(1 for i in running for p in i.paths if not p.endswith("*"))
        wild = sum(1 for i in running for p in i.paths if p.endswith("*"))
        new_wild = sum(1 for p in paths if p.endswith("*"))
        if files + len(paths) - new_wild > self.limits.max_invalidation_paths:
            raise BatchTooLarge("Invalidation batch specified is too large.")
        if wild + new_wild > self.limits.max_invalidation_wildcards:
            raise TooManyInvalidationsInProgress(
                "Processing your request will cause you to exceed the maximum number of "
                "in-progress wildcard invalidations."
            )

    def _inv_created(self, record: DistributionRecord, inv: InvalidationRecord) -> Response:
        location = (
            f"https://cloudfront.amazonaws.com/2020-05-31/distribution/{record.id}"
            f"/invalidation/{inv.id}"
        )
        return {"Location": location, "Invalidation": self._inv_describe(inv)}

    def _inv_describe(self, inv: InvalidationRecord) -> dict[str, Any]:
        return {
            "Id": inv.id,
            "Status": inv.status,
            "CreateTime": self.when(inv.created),
            "InvalidationBatch": {
                "Paths": {"Quantity": len(inv.paths), "Items": list(inv.paths)},
                "CallerReference": inv.caller_reference,
            },
        }

    def _completed(self, dist_id: str, inv_id: str) -> None:
        with self.lock:
            record = self.distributions.get(dist_id)
            if record is None:
                return
            inv = record.invalidations[inv_id]
            inv.status = "Completed"
            if record.edge is not None:
                record.edge.invalidate(inv.paths)

    def get_invalidation(self, params: Params) -> Response:
        """GetInvalidation: one batch's paths and status."""
        with self.lock:
            record = self._distribution(params["DistributionId"])
            inv = record.invalidations.get(params["Id"])
            if inv is None:
                raise NoSuchInvalidation("The specified invalidation does not exist.")
            return {"Invalidation": self._inv_describe(inv)}

    def list_invalidations(self, params: Params) -> Response:
        """ListInvalidations: summaries, newest first."""
        with self.lock:
            record = self._distribution(params["DistributionId"])
            rows = list(reversed(record.invalidations.values()))
            chosen, next_marker, size = page(rows, params, 1000)
            listing: dict[str, Any] = {
                "Marker": params.get("Marker") or "",
                "MaxItems": size,
                "IsTruncated": next_marker is not None,
                "Quantity": len(chosen),
            }
            if chosen:
                listing["Items"] = [
                    {"Id": i.id, "CreateTime": self.when(i.created), "Status": i.status}
                    for i in chosen
                ]
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"InvalidationList": listing}
