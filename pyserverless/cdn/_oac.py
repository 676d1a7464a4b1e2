"""Origin access controls: what lets a distribution read a private S3 bucket.

The Cloud is one account and its S3 has no public buckets, so an S3 origin is read only
through an origin access control whose ``SigningBehavior`` is ``always`` or
``no-override``; ``never`` (and no control at all) reads anonymously, which S3 answers
with 403 AccessDenied.
"""

from __future__ import annotations

import copy
from typing import Any

from ._base import EngineBase, Params, Response, check_if_match, page
from ._errors import (
    NoSuchOriginAccessControl,
    OriginAccessControlAlreadyExists,
    OriginAccessControlInUse,
)
from ._model import PolicyRecord
from ._plan import items

__all__ = ["OacOps"]


class OacOps(EngineBase):
    """CreateOriginAccessControl and its Get, Update, Delete and List."""

    def _oac(self, oac_id: str) -> PolicyRecord:
        record = self.oacs.get(oac_id)
        if record is None:
            raise NoSuchOriginAccessControl("The origin access control does not exist.")
        return record

    def _oac_name_free(self, name: str, skip: str | None) -> None:
        for other in self.oacs.values():
            if other.id != skip and other.config["Name"] == name:
                raise OriginAccessControlAlreadyExists(
                    "An origin access control with the same name already exists."
                )

    def _oac_answer(self, record: PolicyRecord) -> dict[str, Any]:
        return {"Id": record.id, "OriginAccessControlConfig": copy.deepcopy(record.config)}

    def create_origin_access_control(self, params: Params) -> Response:
        """CreateOriginAccessControl."""
        config = copy.deepcopy(params["OriginAccessControlConfig"])
        with self.lock:
            self._oac_name_free(config["Name"], None)
            oac_id = "E" + self.cloud.ids.alnum(13, upper=True)
            record = PolicyRecord(oac_id, config, self.etag(), self.cloud.clock.time())
            self.oacs[oac_id] = record
            return {
                "OriginAccessControl": self._oac_answer(record),
                "Location": "https://cloudfront.amazonaws.com/2020-05-31/origin-access-control/"
                + oac_id,
                "ETag": record.etag,
            }

    def get_origin_access_control(self, params: Params) -> Response:
        """GetOriginAccessControl."""
        with self.lock:
            record = self._oac(params["Id"])
            return {"OriginAccessControl": self._oac_answer(record), "ETag": record.etag}

    def get_origin_access_control_config(self, params: Params) -> Response:
        """GetOriginAccessControlConfig."""
        with self.lock:
            record = self._oac(params["Id"])
            return {"OriginAccessControlConfig": copy.deepcopy(record.config), "ETag": record.etag}

    def update_origin_access_control(self, params: Params) -> Response:
        """UpdateOriginAccessControl."""
        config = copy.deepcopy(params["OriginAccessControlConfig"])
        with self.lock:
            record = self._oac(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            self._oac_name_free(config["Name"], record.id)
            record.config = config
            record.etag = self.etag()
            return {"OriginAccessControl": self._oac_answer(record), "ETag": record.etag}

    def delete_origin_access_control(self, params: Params) -> Response:
        """DeleteOriginAccessControl (not while an origin uses it)."""
        with self.lock:
            record = self._oac(params["Id"])
            check_if_match(params.get("IfMatch"), record.etag)
            for dist in self.distributions.values():
                for origin in items(dist.config.get("Origins")):
                    if origin.get("OriginAccessControlId") == record.id:
                        raise OriginAccessControlInUse(
                            "Cannot delete the origin access control because it's in use by "
                            "one or more origins."
                        )
            del self.oacs[record.id]
            return {}

    def list_origin_access_controls(self, params: Params) -> Response:
        """ListOriginAccessControls."""
        with self.lock:
            rows = sorted(self.oacs.values(), key=lambda r: r.id)
            chosen, next_marker, size = page(rows, params, self.limits.max_page)
            listing: dict[str, Any] = {
                "Marker": params.get("Marker") or "",
                "MaxItems": size,
                "IsTruncated": next_marker is not None,
                "Quantity": len(chosen),
            }
            if chosen:
                listing["Items"] = [{"Id": r.id, **r.config} for r in chosen]
                for row in listing["Items"]:
                    row.setdefault("Description", "")
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"OriginAccessControlList": listing}
