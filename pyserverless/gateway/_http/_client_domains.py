"""``cloud.client("apigatewayv2")``'s custom domain names and API mappings (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._core.client import Params, Response, operation

if TYPE_CHECKING:
    from ._engine import HttpApis

__all__ = ["DomainV2ClientOps"]


class DomainV2ClientOps:
    """Custom domain names (shared with ``apigateway``) and API mappings.

    >>> from pyserverless import Cloud
    >>> v2 = Cloud.manual().client("apigatewayv2")
    >>> cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    >>> made = v2.create_domain_name(DomainName="api.example.com",
    ...                              DomainNameConfigurations=[{"CertificateArn": cert}])
    >>> made["DomainNameConfigurations"][0]["EndpointType"]
    'REGIONAL'
    """

    _engine: HttpApis

    @operation("CreateDomainName")
    def create_domain_name(self, params: Params) -> Response:
        """Create a custom domain name (REGIONAL by default).

        CreateDomainName. ``DomainName``, ``DomainNameConfigurations`` (one:
        ``CertificateArn``, ``EndpointType``, ``SecurityPolicy``), ``Tags``. Returns the
        DomainName with its regional target name (described: requests reach the name by
        ``Host`` header).
        """
        return self._engine.create_domain_name(params)

    @operation("GetDomainName")
    def get_domain_name(self, params: Params) -> Response:
        """Describe one custom domain name.

        GetDomainName. ``DomainName``. Returns the DomainName.
        """
        return self._engine.get_domain_name(params)

    @operation("GetDomainNames")
    def get_domain_names(self, params: Params) -> Response:
        """List the Region's custom domain names (REST's too: they are one set).

        GetDomainNames. ``MaxResults``, ``NextToken``. Returns ``Items``.
        """
        return self._engine.get_domain_names(params)

    @operation("UpdateDomainName")
    def update_domain_name(self, params: Params) -> Response:
        """Give a custom domain name another certificate or security policy.

        UpdateDomainName. ``DomainName``, ``DomainNameConfigurations``. Returns the DomainName.
        """
        return self._engine.update_domain_name(params)

    @operation("DeleteDomainName")
    def delete_domain_name(self, params: Params) -> Response:
        """Delete a custom domain name and its mappings.

        DeleteDomainName. ``DomainName``.
        """
        return self._engine.delete_domain_name(params)

    @operation("CreateApiMapping")
    def create_api_mapping(self, params: Params) -> Response:
        """Map a key (a base path) of a custom domain name to an API stage.

        CreateApiMapping. ``DomainName``, ``ApiId`` (an HTTP or REST API), ``Stage``,
        ``ApiMappingKey`` (empty: the whole domain; ``a/b``: REST APIs only). Returns the
        ApiMapping with its ``ApiMappingId``.
        """
        return self._engine.create_api_mapping(params)

    @operation("GetApiMapping")
    def get_api_mapping(self, params: Params) -> Response:
        """Describe one API mapping.

        GetApiMapping. ``DomainName``, ``ApiMappingId``. Returns the ApiMapping.
        """
        return self._engine.get_api_mapping(params)

    @operation("GetApiMappings")
    def get_api_mappings(self, params: Params) -> Response:
        """List a custom domain name's API mappings.

        GetApiMappings. ``DomainName``, ``MaxResults``, ``NextToken``. Returns ``Items``.
        """
        return self._engine.get_api_mappings(params)

    @operation("UpdateApiMapping")
    def update_api_mapping(self, params: Params) -> Response:
        """Point an API mapping at another API, stage or key.

        UpdateApiMapping. ``DomainName``, ``ApiMappingId``, ``ApiId``, ``Stage``,
        ``ApiMappingKey``. Returns the ApiMapping.
        """
        return self._engine.update_api_mapping(params)

    @operation("DeleteApiMapping")
    def delete_api_mapping(self, params: Params) -> Response:
        """Delete an API mapping.

        DeleteApiMapping. ``DomainName``, ``ApiMappingId``.
        """
        return self._engine.delete_api_mapping(params)
