"""``cloud.client("apigateway")``'s custom domain names, base path mappings,
FlushStageAuthorizersCache and UpdateUsage (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core.client import operation

if TYPE_CHECKING:
    from ._engine import RestApis

__all__ = ["DomainClientOps"]


class DomainClientOps:
    """Custom domain names and their base path mappings; two stage/usage operations.

    >>> from pyserverless import Cloud
    >>> gw = Cloud.manual().client("apigateway")
    >>> arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    >>> gw.create_domain_name(domainName="api.example.com", certificateArn=arn)["domainNameStatus"]
    'AVAILABLE'
    """

    _engine: RestApis

    @operation("CreateDomainName")
    def create_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a custom domain name (EDGE by default, or REGIONAL).

        CreateDomainName. ``domainName``, ``certificateArn`` (EDGE, an ACM certificate in
        us-east-1) or ``regionalCertificateArn`` (REGIONAL), ``endpointConfiguration``,
        ``securityPolicy``, ``tags``. Returns the DomainName with its CloudFront or
        regional target name (described only: requests reach it by ``Host`` header).
        """
        return self._engine.create_domain_name(params)

    @operation("GetDomainName")
    def get_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one custom domain name.

        GetDomainName. ``domainName``. Returns the DomainName.
        """
        return self._engine.get_domain_name(params)

    @operation("GetDomainNames")
    def get_domain_names(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the Region's custom domain names, a page at a time.

        GetDomainNames. ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_domain_names(params)

    @operation("UpdateDomainName")
    def update_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a custom domain name's certificate or security policy.

        UpdateDomainName. ``domainName``, ``patchOperations`` (``/certificateArn``,
        ``/regionalCertificateArn``, ``/securityPolicy``, ...). Returns the DomainName.
        """
        return self._engine.update_domain_name(params)

    @operation("DeleteDomainName")
    def delete_domain_name(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a custom domain name and its mappings.

        DeleteDomainName. ``domainName``.
        """
        return self._engine.delete_domain_name(params)

    @operation("CreateBasePathMapping")
    def create_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """Map a base path of a custom domain name to a REST API (and stage).

        CreateBasePathMapping. ``domainName``, ``basePath`` (empty or ``(none)``: the
        whole domain), ``restApiId``, ``stage`` (without it the path names the stage).
        Returns the BasePathMapping.
        """
        return self._engine.create_base_path_mapping(params)

    @operation("GetBasePathMapping")
    def get_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one base path mapping.

        GetBasePathMapping. ``domainName``, ``basePath``. Returns the BasePathMapping.
        """
        return self._engine.get_base_path_mapping(params)

    @operation("GetBasePathMappings")
    def get_base_path_mappings(self, params: dict[str, Any]) -> dict[str, Any]:
        """List a custom domain name's base path mappings.

        GetBasePathMappings. ``domainName``, ``limit``, ``position``. Returns ``items``.
        """
        return self._engine.get_base_path_mappings(params)

    @operation("UpdateBasePathMapping")
    def update_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a base path mapping's path, API or stage.

        UpdateBasePathMapping. ``domainName``, ``basePath``, ``patchOperations``
        (``/basePath``, ``/restapiId``, ``/stage``). Returns the BasePathMapping.
        """
        return self._engine.update_base_path_mapping(params)

    @operation("DeleteBasePathMapping")
    def delete_base_path_mapping(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a base path mapping.

        DeleteBasePathMapping. ``domainName``, ``basePath``.
        """
        return self._engine.delete_base_path_mapping(params)

    @operation("FlushStageAuthorizersCache")
    def flush_stage_authorizers_cache(self, params: dict[str, Any]) -> dict[str, Any]:
        """Drop a stage's cached authorizer results, so the next request runs the authorizer.

        FlushStageAuthorizersCache. ``restApiId``, ``stageName``.
        """
        return self._engine.flush_stage_authorizers_cache(params)

    @operation("UpdateUsage")
    def update_usage(self, params: dict[str, Any]) -> dict[str, Any]:
        """Give an API key more (or less) of its usage plan's quota for the current period.

        UpdateUsage. ``usagePlanId``, ``keyId``, ``patchOperations`` (``replace
        /remaining`` with the requests left). Returns the key's Usage for today.
        """
        return self._engine.update_usage(params)
