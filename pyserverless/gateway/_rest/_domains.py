"""Custom domain names and base path mappings (REST control plane), and the two
operations issue 16 left: FlushStageAuthorizersCache and UpdateUsage.

The names live in the ``execute-api`` engine's :class:`DomainTable` (shared with
``apigatewayv2``). The endpoint type is described, not simulated (see ``_runtime._domains``).
Messages marked [?] are not confirmed against AWS.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._errors import BadRequestException, ConflictException, NotFoundException
from .._runtime._domains import NONE_PATH, DomainTable, Mapping_
from . import _messages as msg
from . import _patch as patch
from ._base import EngineBase
from ._model import copied

__all__ = [
    "DOMAIN_EXISTS",
    "DOMAIN_NOT_FOUND",
    "DomainOps",
    "certificate_members",
    "check_domain_name",
    "new_domain_info",
]

DOMAIN_NOT_FOUND = "Invalid domain name identifier specified"
DOMAIN_EXISTS = "The domain name you provided already exists."
MAPPING_NOT_FOUND = "Invalid base path mapping identifier specified"
MAPPING_EXISTS = "Base path already exists for this domain name"
BAD_DOMAIN = "Invalid domain name: {} [?]"
BAD_BASE_PATH = (
    "Invalid base path: {}. A base path is one segment of letters, digits and $-_.+!*'() [?]"
)
NEEDS_CERTIFICATE = "A certificate is required for a {} domain name: give {} [?]"
EDGE_CERTIFICATE_REGION = "Invalid certificate ARN: {}. Certificate must be in 'us-east-1'."
BAD_CERTIFICATE = "Invalid certificate ARN: {} [?]"
ONE_TYPE = "Exactly one endpoint type must be specified [?]"
#: CloudFront's hosted zone (every EDGE name's distribution is in it).
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"
#: API Gateway's regional hosted zones [D for us-east-1; the rest from AWS's endpoint table].
REGIONAL_ZONES = {
    "us-east-1": "Z1UJRXOUMOOFQ8",
    "us-east-2": "ZOJJZC49E0EPZ",
    "us-west-1": "Z2MUQ32089INYE",
    "us-west-2": "Z2OJLYMUO9EFXC",
    "eu-west-1": "ZLY8HYME6SFDD",
    "eu-central-1": "Z1U9ULNL0V5AJ3",
}
_DOMAIN = re.compile(r"(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_BASE_PATH = re.compile(r"[A-Za-z0-9$_.+!*'()-]+")
_ACM = re.compile(r"arn:aws[\w-]*:acm:(?P<region>[a-z0-9-]+):\d{12}:certificate/[\w-]+")
#: CreateDomainName members that need something not emulated (refused, never ignored).
_REFUSED = (
    "mutualTlsAuthentication",
    "ownershipVerificationCertificateArn",
    "policy",
    "endpointAccessMode",
)


def check_domain_name(name: object) -> str:
    """A domain name, lower-cased, or ``BadRequestException``.

    >>> check_domain_name("API.Example.com")
    'api.example.com'
    """
    text = name.lower() if isinstance(name, str) else ""
    if len(text) > 253 or not _DOMAIN.fullmatch(text):
        raise BadRequestException(BAD_DOMAIN.format(name))
    return text


def new_domain_info(
    cloud: Any, region: str, name: str, kind: str, certificate: Mapping[str, Any]
) -> dict[str, Any]:
    """A new domain name's description (REST's shape) for endpoint type ``kind``."""
    info: dict[str, Any] = {
        "domainName": name,
        "domainNameArn": f"arn:aws:apigateway:{region}::/domainnames/{name}",
    }
    now = cloud.clock.now()
    if kind == "EDGE":
        info.update(
            {k: v for k, v in certificate.items() if k in ("certificateName", "certificateArn")}
        )
        info["certificateUploadDate"] = now
        info["distributionDomainName"] = f"d{cloud.ids.choice(_LOWER, 13)}.cloudfront.net"
        info["distributionHostedZoneId"] = CLOUDFRONT_ZONE
    else:
        wanted = ("regionalCertificateName", "regionalCertificateArn")
        info.update({k: v for k, v in certificate.items() if k in wanted})
        info["regionalDomainName"] = (
            f"d-{cloud.ids.choice(_LOWER, 10)}.execute-api.{region}.amazonaws.com"
        )
        info["regionalHostedZoneId"] = REGIONAL_ZONES.get(region, "Z1UJRXOUMOOFQ8")
    info["endpointConfiguration"] = {"types": [kind]}
    info["domainNameStatus"] = "AVAILABLE"
    info["securityPolicy"] = certificate.get("securityPolicy") or "TLS_1_2"
    info["routingMode"] = "BASE_PATH_MAPPING_ONLY"
    return info


_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"


def certificate_members(params: Mapping[str, Any], kind: str, region: str) -> dict[str, Any]:
    """The certificate members a ``kind`` name needs, checked."""
    prefix = "certificate" if kind == "EDGE" else "regionalCertificate"
    arn, name = params.get(f"{prefix}Arn"), params.get(f"{prefix}Name")
    if arn:
        found = _ACM.fullmatch(arn)
        if found is None:
            raise BadRequestException(BAD_CERTIFICATE.format(arn))
        if kind == "EDGE" and found["region"] != "us-east-1":
            raise BadRequestException(EDGE_CERTIFICATE_REGION.format(arn))
        if kind == "REGIONAL" and found["region"] != region:
            raise BadRequestException(BAD_CERTIFICATE.format(arn))
    elif not (name and (kind == "REGIONAL" or params.get("certificateBody"))):
        raise BadRequestException(NEEDS_CERTIFICATE.format(kind, f"{prefix}Arn"))
    kept = {
        f"{prefix}Arn": arn,
        f"{prefix}Name": name,
        "securityPolicy": params.get("securityPolicy"),
    }
    return {k: v for k, v in kept.items() if v}


def register_domain(
    table: DomainTable,
    cloud: Any,
    region: str,
    name: str,
    kind: str,
    certificate: dict[str, Any],
    tags: dict[str, str],
) -> dict[str, Any]:
    """Add a custom domain name to the Region's table (REST and HTTP APIs share it)."""
    with table.lock:
        if name in table.names:
            raise ConflictException(DOMAIN_EXISTS)
        info = new_domain_info(cloud, region, name, kind, certificate)
        if tags:
            info["tags"] = tags
        table.names[name] = info
        return info


def find_domain(table: DomainTable, name: object) -> dict[str, Any]:
    """The stored description of custom domain ``name`` (any case), or NotFoundException."""
    found = table.names.get(name.lower()) if isinstance(name, str) else None
    if found is None:
        raise NotFoundException(DOMAIN_NOT_FOUND)
    return found


class DomainOps(EngineBase):
    """CreateDomainName ... DeleteBasePathMapping, FlushStageAuthorizersCache, UpdateUsage."""

    if TYPE_CHECKING:

        def _checked_tags(self, tags: Mapping[str, str]) -> dict[str, str]: ...

    @property
    def _domains(self) -> DomainTable:
        table: DomainTable = self.cloud.engine("execute-api", self.region).domains
        return table

    # -- domain names ---------------------------------------------------------------------
    def create_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateDomainName: an EDGE (default) or REGIONAL name with its certificate."""
        name = check_domain_name(params.get("domainName"))
        for member in _REFUSED:
            if params.get(member):
                raise BadRequestException(msg.SETTING_NOT_EMULATED.format(member))
        mode = params.get("routingMode")
        if mode not in (None, "BASE_PATH_MAPPING_ONLY"):
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format(f"routingMode {mode}"))
        types = (params.get("endpointConfiguration") or {}).get("types") or ["EDGE"]
        if len(types) != 1:
            raise BadRequestException(ONE_TYPE)
        kind = types[0]
        if kind == "PRIVATE":
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format("PRIVATE domain names"))
        certificate = certificate_members(params, kind, self.region)
        tags = dict(params.get("tags") or {})
        if tags:
            self._checked_tags(tags)
        table = self._domains
        with table.lock:  # the copy is taken before another thread can change it
            info = register_domain(table, self.cloud, self.region, name, kind, certificate, tags)
            return copied(info)

    def _domain(self, table: DomainTable, name: object) -> dict[str, Any]:
        return find_domain(table, name)

    def get_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDomainName."""
        table = self._domains
        with table.lock:
            return copied(self._domain(table, params.get("domainName")))

    def get_domain_names(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDomainNames: a page of the Region's custom domain names."""
        table = self._domains
        with table.lock:
            items = [copied(table.names[n]) for n in sorted(table.names)]
        return self._page(items, params)

    def delete_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteDomainName: the name and its mappings."""
        table = self._domains
        with table.lock:
            found = self._domain(table, params.get("domainName"))
            table.drop_domain(found["domainName"])
        return {}

    def update_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateDomainName: certificate and security policy by patch operations."""
        rules = (
            patch.field("/certificateName", "certificateName"),
            patch.field("/certificateArn", "certificateArn", check=self._edge_arn),
            patch.field("/regionalCertificateName", "regionalCertificateName"),
            patch.field("/regionalCertificateArn", "regionalCertificateArn", check=self._arn_ok),
            patch.field("/securityPolicy", "securityPolicy", choices=("TLS_1_0", "TLS_1_2")),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        table = self._domains
        with table.lock:
            found = self._domain(table, params.get("domainName"))
            changed = patch.apply(found, plan)
            found.clear()
            found.update(changed)
            return copied(found)

    @staticmethod
    def _edge_arn(arn: str) -> None:
        found = _ACM.fullmatch(arn)
        if found is None:
            raise BadRequestException(BAD_CERTIFICATE.format(arn))
        if found["region"] != "us-east-1":
            raise BadRequestException(EDGE_CERTIFICATE_REGION.format(arn))

    def _arn_ok(self, arn: str) -> None:
        found = _ACM.fullmatch(arn)
        if found is None or found["region"] != self.region:
            raise BadRequestException(BAD_CERTIFICATE.format(arn))

    # -- base path mappings ---------------------------------------------------------------
    def _mapping_target(self, api_id: object, stage: object) -> tuple[str, str | None]:
        """The REST API and stage a mapping names, checked (under the engine's lock)."""
        # AWS answers both with BadRequestException here (CloudFormation users see
        # "Invalid stage identifier specified ... BadRequestException").
        try:
            api = self._api({"restApiId": api_id})
            if stage is not None and stage != "":
                self._stage(api, stage)
                return api.api_id, str(stage)
        except NotFoundException as err:
            raise BadRequestException(str(err.message)) from None
        return api.api_id, None

    def create_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateBasePathMapping: route ``https://{domain}/{basePath}/...`` to an API stage."""
        raw = params.get("basePath")
        key = "" if raw in (None, "", NONE_PATH) else str(raw)
        if key and not _BASE_PATH.fullmatch(key):
            raise BadRequestException(BAD_BASE_PATH.format(raw))
        table = self._domains
        with self.lock, table.lock:
            domain = self._domain(table, params.get("domainName"))["domainName"]
            api_id, stage = self._mapping_target(params.get("restApiId"), params.get("stage"))
            if key in table.mappings.get(domain, {}):
                raise ConflictException(MAPPING_EXISTS)
            mapping = Mapping_(key, api_id, stage, self.cloud.ids.choice(_LOWER, 6))
            table.add_mapping(domain, mapping)
            return _shown(mapping)

    def _mapping(self, table: DomainTable, params: Mapping[str, Any]) -> tuple[str, Mapping_]:
        domain = self._domain(table, params.get("domainName"))["domainName"]
        raw = params.get("basePath")
        key = "" if raw == NONE_PATH else raw
        found = table.mappings.get(domain, {}).get(key) if isinstance(key, str) else None
        if found is None:
            raise NotFoundException(MAPPING_NOT_FOUND)
        return domain, found

    def get_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetBasePathMapping (``basePath`` ``(none)`` for the empty one)."""
        table = self._domains
        with table.lock:
            return _shown(self._mapping(table, params)[1])

    def get_base_path_mappings(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetBasePathMappings: a page of a domain name's mappings."""
        table = self._domains
        with table.lock:
            domain = self._domain(table, params.get("domainName"))["domainName"]
            found = table.mappings.get(domain, {})
            items = [_shown(found[k]) for k in sorted(found)]
        return self._page(items, params)

    def delete_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteBasePathMapping."""
        table = self._domains
        with table.lock:
            domain, found = self._mapping(table, params)
            del table.mappings[domain][found.key]
        return {}

    def update_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateBasePathMapping: ``/basePath``, ``/restapiId`` and ``/stage`` by patch."""
        rules = (
            patch.field("/basePath", "basePath"),
            patch.field("/restapiId", "restApiId"),
            patch.field("/restApiId", "restApiId"),
            patch.field("/stage", "stage", removable=True),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        table = self._domains
        with self.lock, table.lock:
            domain, found = self._mapping(table, params)
            shown = patch.apply(_shown(found), plan)
            key = "" if shown["basePath"] in ("", NONE_PATH) else shown["basePath"]
            if key and not _BASE_PATH.fullmatch(key):
                raise BadRequestException(BAD_BASE_PATH.format(key))
            api_id, stage = self._mapping_target(shown["restApiId"], shown.get("stage"))
            mappings = table.mappings[domain]
            if key != found.key and key in mappings:
                raise ConflictException(MAPPING_EXISTS)
            del mappings[found.key]
            updated = Mapping_(key, api_id, stage, found.mapping_id)
            mappings[key] = updated
            return _shown(updated)

    # -- issue 16's leftovers ---------------------------------------------------------------
    def flush_stage_authorizers_cache(self, params: dict[str, Any]) -> dict[str, Any]:
        """FlushStageAuthorizersCache: forget the stage's cached authorizer results."""
        with self.lock:
            api = self._api(params)
            stage = self._stage(api, params.get("stageName"))
        runtime = self.cloud.engine("execute-api", self.region)
        runtime.authorizers.flush(api.api_id, stage["stageName"])
        return {}


def _shown(mapping: Mapping_) -> dict[str, Any]:
    shown: dict[str, Any] = {"basePath": mapping.key or NONE_PATH, "restApiId": mapping.api_id}
    if mapping.stage is not None:
        shown["stage"] = mapping.stage
    return shown
