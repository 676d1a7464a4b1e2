"""apigatewayv2's custom domain names and API mappings.

The same names and mappings as REST's ``DomainName`` and ``BasePathMapping``
(``_rest._domains``): both live in the ``execute-api`` engine's ``DomainTable``. An API
mapping may name an HTTP API or a REST API; a multi-level key (``orders/v2``) only a REST
API. Messages marked [?] are not confirmed against AWS.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..._core.errors import AWSError
from .._errors import BadRequestException, ConflictException, NotFoundException
from .._rest._domains import (
    certificate_members,
    check_domain_name,
    find_domain,
    register_domain,
)
from .._runtime._domains import DomainTable, Mapping_
from ._base import EngineBase

__all__ = ["DomainOps", "v2_domain"]

MAPPING_NOT_FOUND = "Invalid ApiMapping identifier specified {} [?]"
MAPPING_EXISTS = "ApiMapping key already exists for this domain name [?]"
BAD_KEY = "Invalid ApiMappingKey: {} [?]"
MULTI_LEVEL = "Multi-level ApiMappingKey is only supported for REST APIs [?]"
NOT_EMULATED = "{} is not emulated yet: pyserverless refuses it rather than store it unused"
_KEY = re.compile(r"[A-Za-z0-9$_.+!*'()-]+(/[A-Za-z0-9$_.+!*'()-]+)*")
_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"


def v2_domain(info: Mapping[str, Any]) -> dict[str, Any]:
    """A stored domain name (REST's shape) as apigatewayv2 describes it.

    >>> v2_domain({"domainName": "a.example.com", "domainNameArn": "arn",
    ...            "endpointConfiguration": {"types": ["REGIONAL"]},
    ...            "regionalDomainName": "d-1.execute-api.us-east-1.amazonaws.com",
    ...            "regionalHostedZoneId": "Z1", "regionalCertificateArn": "c",
    ...            "securityPolicy": "TLS_1_2"})["DomainNameConfigurations"][0]["EndpointType"]
    'REGIONAL'
    """
    kind = info["endpointConfiguration"]["types"][0]
    edge = kind == "EDGE"
    config: dict[str, Any] = {
        "ApiGatewayDomainName": info["distributionDomainName" if edge else "regionalDomainName"],
        "DomainNameStatus": info.get("domainNameStatus", "AVAILABLE"),
        "EndpointType": kind,
        "HostedZoneId": info["distributionHostedZoneId" if edge else "regionalHostedZoneId"],
        "SecurityPolicy": info.get("securityPolicy", "TLS_1_2"),
    }
    arn = info.get("certificateArn" if edge else "regionalCertificateArn")
    name = info.get("certificateName" if edge else "regionalCertificateName")
    if arn:
        config["CertificateArn"] = arn
    if name:
        config["CertificateName"] = name
    if info.get("certificateUploadDate") is not None:
        config["CertificateUploadDate"] = info["certificateUploadDate"]
    shown: dict[str, Any] = {
        "ApiMappingSelectionExpression": "$request.basepath",
        "DomainName": info["domainName"],
        "DomainNameArn": info["domainNameArn"],
        "DomainNameConfigurations": [config],
        "RoutingMode": "API_MAPPING_ONLY",
    }
    shown["Tags"] = dict(info.get("tags", {}))
    return shown


def _mapping_shown(mapping: Mapping_) -> dict[str, Any]:
    return {
        "ApiId": mapping.api_id,
        "ApiMappingId": mapping.mapping_id,
        "ApiMappingKey": mapping.key,
        "Stage": mapping.stage or "",
    }


class DomainOps(EngineBase):
    """CreateDomainName ... DeleteApiMapping (apigatewayv2)."""

    @property
    def _domains(self) -> DomainTable:
        table: DomainTable = self.cloud.engine("execute-api", self.region).domains
        return table

    # -- domain names ---------------------------------------------------------------------
    def _configuration(self, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        configs = params.get("DomainNameConfigurations") or [{}]
        if len(configs) != 1:
            raise BadRequestException("Exactly one DomainNameConfiguration is supported [?]")
        config = configs[0]
        kind = config.get("EndpointType") or "REGIONAL"
        prefix = "certificate" if kind == "EDGE" else "regionalCertificate"
        rest_params = {
            f"{prefix}Arn": config.get("CertificateArn"),
            f"{prefix}Name": config.get("CertificateName"),
            "securityPolicy": config.get("SecurityPolicy"),
        }
        if config.get("OwnershipVerificationCertificateArn"):
            raise BadRequestException(NOT_EMULATED.format("OwnershipVerificationCertificateArn"))
        return kind, certificate_members(rest_params, kind, self.region)

    def create_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateDomainName: a REGIONAL (default) or EDGE name with its certificate."""
        name = check_domain_name(params.get("DomainName"))
        if params.get("MutualTlsAuthentication"):
            raise BadRequestException(NOT_EMULATED.format("MutualTlsAuthentication"))
        mode = params.get("RoutingMode")
        if mode not in (None, "API_MAPPING_ONLY"):
            raise BadRequestException(NOT_EMULATED.format(f"RoutingMode {mode}"))
        kind, certificate = self._configuration(params)
        tags = dict(params.get("Tags") or {})
        table = self._domains
        with table.lock:
            return v2_domain(
                register_domain(table, self.cloud, self.region, name, kind, certificate, tags)
            )

    def _domain(self, table: DomainTable, name: object) -> dict[str, Any]:
        return find_domain(table, name)

    def get_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDomainName."""
        table = self._domains
        with table.lock:
            return v2_domain(self._domain(table, params.get("DomainName")))

    def get_domain_names(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDomainNames: a page of the Region's custom domain names (``Items``)."""
        table = self._domains
        with table.lock:
            items = [v2_domain(table.names[n]) for n in sorted(table.names)]
        return self._page(items, params)

    def update_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateDomainName: a new certificate or security policy (same endpoint type)."""
        table = self._domains
        with table.lock:
            found = self._domain(table, params.get("DomainName"))
            if params.get("DomainNameConfigurations"):
                kind, certificate = self._configuration(params)
                if kind != found["endpointConfiguration"]["types"][0]:
                    raise BadRequestException("The endpoint type cannot be changed [?]")
                found.update(certificate)
            return v2_domain(found)

    def delete_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteDomainName: the name and its mappings."""
        table = self._domains
        with table.lock:
            table.drop_domain(self._domain(table, params.get("DomainName"))["domainName"])
        return {}

    # -- API mappings ---------------------------------------------------------------------
    def _target(self, api_id: object, stage: object) -> tuple[str, str, bool]:
        """The API (HTTP here, else REST) and stage a mapping names; whether it is REST."""
        try:
            self.get_stage({"ApiId": api_id, "StageName": stage})  # type: ignore[attr-defined]
            return str(api_id), str(stage), False
        except NotFoundException:
            if isinstance(api_id, str) and api_id in self.state.apis:
                raise
        rest = self.cloud.engine("apigateway", self.region)
        try:
            rest.get_stage({"restApiId": api_id, "stageName": stage})
        except AWSError:
            raise NotFoundException(f"Invalid API identifier specified {api_id} [?]") from None
        return str(api_id), str(stage), True

    @staticmethod
    def _key(raw: object, rest: bool) -> str:
        key = raw if isinstance(raw, str) else ""
        if key and not _KEY.fullmatch(key):
            raise BadRequestException(BAD_KEY.format(key))
        if "/" in key and not rest:
            raise BadRequestException(MULTI_LEVEL)
        return key

    def create_api_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateApiMapping: route ``https://{domain}/{ApiMappingKey}/...`` to an API stage."""
        table = self._domains
        with self.lock:
            api_id, stage, rest = self._target(params.get("ApiId"), params.get("Stage"))
        key = self._key(params.get("ApiMappingKey"), rest)
        with table.lock:
            domain = self._domain(table, params.get("DomainName"))["domainName"]
            if key in table.mappings.get(domain, {}):
                raise ConflictException(MAPPING_EXISTS)
            mapping = Mapping_(key, api_id, stage, self.cloud.ids.choice(_LOWER, 6))
            table.add_mapping(domain, mapping)
            return _mapping_shown(mapping)

    def _mapping(self, table: DomainTable, params: Mapping[str, Any]) -> tuple[str, Mapping_]:
        domain = self._domain(table, params.get("DomainName"))["domainName"]
        wanted = params.get("ApiMappingId")
        for mapping in table.mappings.get(domain, {}).values():
            if mapping.mapping_id == wanted:
                return domain, mapping
        raise NotFoundException(MAPPING_NOT_FOUND.format(wanted))

    def get_api_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApiMapping."""
        table = self._domains
        with table.lock:
            return _mapping_shown(self._mapping(table, params)[1])

    def get_api_mappings(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApiMappings: a page of a domain name's mappings (``Items``)."""
        table = self._domains
        with table.lock:
            domain = self._domain(table, params.get("DomainName"))["domainName"]
            found = table.mappings.get(domain, {})
            items = [_mapping_shown(found[k]) for k in sorted(found)]
        return self._page(items, params)

    def update_api_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateApiMapping: a new API, stage or key for a mapping."""
        table = self._domains
        with table.lock:
            domain, found = self._mapping(table, params)
        stage = params.get("Stage") or found.stage
        with self.lock:
            api_id, stage, rest = self._target(params.get("ApiId") or found.api_id, stage)
        raw = params.get("ApiMappingKey")
        key = found.key if raw is None else self._key(raw, rest)
        with table.lock:
            mappings = table.mappings.get(domain, {})
            if mappings.get(found.key) is not found:
                raise NotFoundException(MAPPING_NOT_FOUND.format(found.mapping_id))
            if key != found.key and key in mappings:
                raise ConflictException(MAPPING_EXISTS)
            del mappings[found.key]
            updated = Mapping_(key, api_id, stage, found.mapping_id)
            mappings[key] = updated
            return _mapping_shown(updated)

    def delete_api_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteApiMapping."""
        table = self._domains
        with table.lock:
            domain, found = self._mapping(table, params)
            del table.mappings[domain][found.key]
        return {}
