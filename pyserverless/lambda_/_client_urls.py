"""The Lambda client's function URL operations (a base class of ``LambdaClient``)."""

from __future__ import annotations

from .._core.client import Params, Response, ServiceClient, operation
from ._client_policy import model_check
from ._engine import LambdaService
from ._validate import paginate

__all__ = ["UrlClientOps"]


def _echo_mode(out: Response, p: Params) -> Response:
    """Create/UpdateFunctionUrlConfig name InvokeMode only when the request set it (AWS's
    answers, recorded in localstack's test_url_config_lifecycle); Get always does."""
    if p.get("InvokeMode") is None:
        out.pop("InvokeMode", None)
    return out


class UrlClientOps(ServiceClient):
    """Create/Get/Update/Delete/ListFunctionUrlConfigs.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> _ = cloud.lambda_.create_function("hi", handler=lambda e, c: "hello")
    >>> lam = cloud.client("lambda")
    >>> url = lam.create_function_url_config(FunctionName="hi", AuthType="NONE")["FunctionUrl"]
    >>> url.startswith("https://") and url.endswith(".lambda-url.us-east-1.on.aws/")
    True
    """

    def _urls(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    @operation("CreateFunctionUrlConfig")
    def create_function_url_config(self, p: Params) -> Response:
        """Give a function (or one alias) an HTTPS endpoint of its own.

        CreateFunctionUrlConfig. Required: ``FunctionName`` and ``AuthType`` (``NONE``:
        public, with a resource policy that allows it; ``AWS_IAM``: SigV4-signed
        requests). Often used: ``Qualifier`` (an alias), ``Cors``, ``InvokeMode``
        (``BUFFERED`` or ``RESPONSE_STREAM``). Returns ``FunctionUrl``, ``FunctionArn``,
        ``AuthType``, ``CreationTime``.
        """
        model_check("CreateFunctionUrlConfig", p)
        config = self._urls().create_function_url_config(
            p["FunctionName"],
            p["AuthType"],
            qualifier=p.get("Qualifier"),
            cors=p.get("Cors"),
            invoke_mode=p.get("InvokeMode"),
        )
        return _echo_mode(config.describe(created=True), p)

    @operation("GetFunctionUrlConfig")
    def get_function_url_config(self, p: Params) -> Response:
        """Read a function URL's settings.

        GetFunctionUrlConfig. Required: ``FunctionName``; ``Qualifier`` for an alias's
        URL. Returns ``FunctionUrl``, ``AuthType``, ``Cors``, ``InvokeMode`` and times.
        """
        model_check("GetFunctionUrlConfig", p)
        return (
            self._urls().get_function_url_config(p["FunctionName"], p.get("Qualifier")).describe()
        )

    @operation("UpdateFunctionUrlConfig")
    def update_function_url_config(self, p: Params) -> Response:
        """Change a function URL's auth type, CORS or invoke mode (the URL stays).

        UpdateFunctionUrlConfig. Required: ``FunctionName``. Often used: ``AuthType``,
        ``Cors`` (replaces the whole set), ``InvokeMode``, ``Qualifier``. Returns the
        configuration as GetFunctionUrlConfig does.
        """
        model_check("UpdateFunctionUrlConfig", p)
        config = self._urls().update_function_url_config(
            p["FunctionName"],
            qualifier=p.get("Qualifier"),
            auth_type=p.get("AuthType"),
            cors=p.get("Cors"),
            invoke_mode=p.get("InvokeMode"),
        )
        return _echo_mode(config.describe(), p)

    @operation("DeleteFunctionUrlConfig")
    def delete_function_url_config(self, p: Params) -> Response:
        """Remove a function URL; it stops answering.

        DeleteFunctionUrlConfig. Required: ``FunctionName``; ``Qualifier`` for an
        alias's URL. Returns only ``ResponseMetadata``.
        """
        model_check("DeleteFunctionUrlConfig", p)
        self._urls().delete_function_url_config(p["FunctionName"], p.get("Qualifier"))
        return {}

    @operation("ListFunctionUrlConfigs")
    def list_function_url_configs(self, p: Params) -> Response:
        """List a function's URLs (its own and its aliases'), a page at a time.

        ListFunctionUrlConfigs. Required: ``FunctionName``. Often used: ``MaxItems``,
        ``Marker``. Returns ``FunctionUrlConfigs`` and ``NextMarker`` if more follow.
        """
        model_check("ListFunctionUrlConfigs", p)
        svc = self._urls()
        configs = svc.list_function_url_configs(p["FunctionName"])
        page, marker = paginate(
            configs, lambda c: c.function_arn, p.get("Marker"), p.get("MaxItems"), svc.limits
        )
        out: Response = {"FunctionUrlConfigs": [c.describe() for c in page]}
        if marker:
            out["NextMarker"] = marker
        return out
