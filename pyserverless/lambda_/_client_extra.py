"""The Lambda client's remaining operations (a base class of ``LambdaClient``):
InvokeAsync, InvokeWithResponseStream, ListFunctionEventInvokeConfigs, code signing,
provisioned concurrency, recursion and runtime management configurations.

What each emulates, and what it does not, is in :mod:`pyserverless.lambda_._extra`
and docs/lambda-urls.md.
"""

from __future__ import annotations

from typing import Any

from .._core.client import Params, Response, operation
from ._client_policy import model_check
from ._client_unavailable import UnavailableClientOps
from ._engine import LambdaService
from ._errors import InvalidParameterValueException
from ._eventstream import ResponseEventStream
from ._validate import paginate

__all__ = ["ExtraClientOps"]

#: Recursive loop detection is not emulated: AWS's default is reported, a change refused.
_NO_LOOP_DETECTION = (
    "pyserverless does not emulate recursive loop detection: RecursiveLoop stays at "
    "AWS's default (Terminate); Allow is refused"
)


def _payload(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, str):
        return value.encode()
    if hasattr(value, "read"):
        data = value.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    return bytes(value)


class ExtraClientOps(UnavailableClientOps):
    """Code signing, provisioned concurrency, recursion and runtime management configs,
    the older and the streaming invocations, and the event invoke config listing.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> _ = cloud.lambda_.create_function("hi", handler=lambda e, c: {"hi": e["name"]})
    >>> lam = cloud.client("lambda")
    >>> out = lam.invoke_with_response_stream(FunctionName="hi", Payload=b'{"name": "ada"}')
    >>> [list(event) for event in out["EventStream"]]
    [['PayloadChunk'], ['InvokeComplete']]
    """

    def _extra(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    # -- invocation ------------------------------------------------------------------------
    @operation("InvokeAsync")
    def invoke_async(self, p: Params) -> Response:
        """Queue an event for a function (the deprecated form of an ``Event`` Invoke).

        InvokeAsync. Required: ``FunctionName`` and ``InvokeArgs`` (the JSON event as
        bytes or a file). Returns ``Status`` 202.
        """
        model_check("InvokeAsync", p)
        self._extra().invoke(p["FunctionName"], _payload(p["InvokeArgs"]), invocation_type="Event")
        return {"Status": 202}

    @operation("InvokeWithResponseStream")
    def invoke_with_response_stream(self, p: Params) -> Response:
        """Run a function and read its answer as a stream of chunks.

        InvokeWithResponseStream. Required: ``FunctionName``. Often used: ``Payload``,
        ``Qualifier``, ``InvocationType`` (``RequestResponse`` or ``DryRun``),
        ``LogType="Tail"``. Returns ``StatusCode``, ``ExecutedVersion`` and
        ``EventStream``: ``PayloadChunk`` events with the answer's bytes, then one
        ``InvokeComplete`` (``ErrorCode``/``ErrorDetails`` when the handler failed,
        ``LogResult`` with ``Tail``). A Python handler's answer arrives whole, cut into
        chunks.
        """
        model_check("InvokeWithResponseStream", p)
        if p.get("TenantId") is not None:
            raise InvalidParameterValueException(
                "pyserverless does not emulate tenant isolation: TenantId is refused"
            )
        kind = p.get("InvocationType", "RequestResponse")
        inv = self._extra().invoke(
            p["FunctionName"],
            _payload(p.get("Payload")),
            qualifier=p.get("Qualifier"),
            invocation_type=kind,
            log_type=p.get("LogType", "None"),
            client_context=p.get("ClientContext"),
        )
        out: Response = {"StatusCode": inv.status_code, "ExecutedVersion": inv.executed_version}
        if kind == "DryRun":
            return out
        complete: dict[str, Any] = {}
        payload = inv.payload
        if inv.function_error:
            complete["ErrorCode"] = inv.function_error
            complete["ErrorDetails"] = inv.payload.decode(errors="replace")
            payload = b""
        if inv.log_result is not None:
            complete["LogResult"] = inv.log_result
        out["ResponseStreamContentType"] = "application/vnd.amazon.eventstream"
        out["EventStream"] = ResponseEventStream(payload, complete)
        return out

    @operation("ListFunctionEventInvokeConfigs")
    def list_function_event_invoke_configs(self, p: Params) -> Response:
        """List the asynchronous-invocation settings of a function's versions and aliases.

        ListFunctionEventInvokeConfigs. Required: ``FunctionName``. Often used:
        ``MaxItems`` (up to 50), ``Marker``. Returns ``FunctionEventInvokeConfigs``.
        """
        model_check("ListFunctionEventInvokeConfigs", p)
        from ._client import _event_config_dict

        svc = self._extra()
        fn, _ = svc._event_target(p["FunctionName"], None)
        with svc._lock:
            found = [
                _event_config_dict(f"{fn.arn}:{q}", c)
                for q, c in sorted(fn.event_invoke_configs.items())
            ]
        page, marker = paginate(
            found, lambda c: c["FunctionArn"], p.get("Marker"), p.get("MaxItems"), svc.limits
        )
        out: Response = {"FunctionEventInvokeConfigs": page}
        if marker:
            out["NextMarker"] = marker
        return out

    # -- code signing ----------------------------------------------------------------------
    @operation("CreateCodeSigningConfig")
    def create_code_signing_config(self, p: Params) -> Response:
        """Create a code signing configuration (which signing profiles are trusted).

        CreateCodeSigningConfig. Required: ``AllowedPublishers``
        (``SigningProfileVersionArns``). Often used: ``Description``,
        ``CodeSigningPolicies`` (``UntrustedArtifactOnDeployment``: ``Warn`` or
        ``Enforce``). Returns ``CodeSigningConfig``.
        """
        model_check("CreateCodeSigningConfig", p)
        if p.get("Tags"):
            raise InvalidParameterValueException(
                "pyserverless does not store tags on code signing configurations"
            )
        config = self._extra().create_code_signing_config(
            list(p["AllowedPublishers"]["SigningProfileVersionArns"]),
            description=p.get("Description", ""),
            on_untrusted=(p.get("CodeSigningPolicies") or {}).get("UntrustedArtifactOnDeployment"),
        )
        return {"CodeSigningConfig": config.describe()}

    @operation("GetCodeSigningConfig")
    def get_code_signing_config(self, p: Params) -> Response:
        """Describe a code signing configuration.

        GetCodeSigningConfig. Required: ``CodeSigningConfigArn``. Returns
        ``CodeSigningConfig``.
        """
        model_check("GetCodeSigningConfig", p)
        config = self._extra().get_code_signing_config(p["CodeSigningConfigArn"])
        return {"CodeSigningConfig": config.describe()}

    @operation("UpdateCodeSigningConfig")
    def update_code_signing_config(self, p: Params) -> Response:
        """Change a code signing configuration's profiles, policy or description.

        UpdateCodeSigningConfig. Required: ``CodeSigningConfigArn``. Often used:
        ``AllowedPublishers``, ``CodeSigningPolicies``, ``Description``. Returns
        ``CodeSigningConfig``.
        """
        model_check("UpdateCodeSigningConfig", p)
        publishers = p.get("AllowedPublishers")
        config = self._extra().update_code_signing_config(
            p["CodeSigningConfigArn"],
            profile_arns=None
            if publishers is None
            else list(publishers["SigningProfileVersionArns"]),
            description=p.get("Description"),
            on_untrusted=(p.get("CodeSigningPolicies") or {}).get("UntrustedArtifactOnDeployment"),
        )
        return {"CodeSigningConfig": config.describe()}

    @operation("DeleteCodeSigningConfig")
    def delete_code_signing_config(self, p: Params) -> Response:
        """Delete a code signing configuration no function uses.

        DeleteCodeSigningConfig. Required: ``CodeSigningConfigArn``. Returns only
        ``ResponseMetadata``.
        """
        model_check("DeleteCodeSigningConfig", p)
        self._extra().delete_code_signing_config(p["CodeSigningConfigArn"])
        return {}

    @operation("ListCodeSigningConfigs")
    def list_code_signing_configs(self, p: Params) -> Response:
        """List the region's code signing configurations, a page at a time.

        ListCodeSigningConfigs. Optional: ``MaxItems``, ``Marker``. Returns
        ``CodeSigningConfigs`` and ``NextMarker`` if more follow.
        """
        model_check("ListCodeSigningConfigs", p)
        svc = self._extra()
        page, marker = paginate(
            svc.list_code_signing_configs(),
            lambda c: c.arn,
            p.get("Marker"),
            p.get("MaxItems"),
            svc.limits,
        )
        out: Response = {"CodeSigningConfigs": [c.describe() for c in page]}
        if marker:
            out["NextMarker"] = marker
        return out

    @operation("PutFunctionCodeSigningConfig")
    def put_function_code_signing_config(self, p: Params) -> Response:
        """Attach a code signing configuration to a function (``Warn`` policies only here).

        PutFunctionCodeSigningConfig. Required: ``CodeSigningConfigArn`` and
        ``FunctionName``. Returns both.
        """
        model_check("PutFunctionCodeSigningConfig", p)
        name = self._extra().put_function_code_signing_config(
            p["FunctionName"], p["CodeSigningConfigArn"]
        )
        return {"CodeSigningConfigArn": p["CodeSigningConfigArn"], "FunctionName": name}

    @operation("GetFunctionCodeSigningConfig")
    def get_function_code_signing_config(self, p: Params) -> Response:
        """Read which code signing configuration a function uses.

        GetFunctionCodeSigningConfig. Required: ``FunctionName``. Returns
        ``FunctionName`` and ``CodeSigningConfigArn``; nothing at all for a function without
        one (AWS's answer, recorded in localstack's test_code_signing_not_found_excs).
        """
        model_check("GetFunctionCodeSigningConfig", p)
        name, arn = self._extra().get_function_code_signing_config(p["FunctionName"])
        return {"CodeSigningConfigArn": arn, "FunctionName": name} if arn else {}

    @operation("DeleteFunctionCodeSigningConfig")
    def delete_function_code_signing_config(self, p: Params) -> Response:
        """Detach a function's code signing configuration.

        DeleteFunctionCodeSigningConfig. Required: ``FunctionName``. Returns only
        ``ResponseMetadata``.
        """
        model_check("DeleteFunctionCodeSigningConfig", p)
        self._extra().delete_function_code_signing_config(p["FunctionName"])
        return {}

    @operation("ListFunctionsByCodeSigningConfig")
    def list_functions_by_code_signing_config(self, p: Params) -> Response:
        """List the functions that use a code signing configuration.

        ListFunctionsByCodeSigningConfig. Required: ``CodeSigningConfigArn``. Returns
        ``FunctionArns``.
        """
        model_check("ListFunctionsByCodeSigningConfig", p)
        svc = self._extra()
        arns = svc.functions_by_code_signing_config(p["CodeSigningConfigArn"])
        page, marker = paginate(arns, str, p.get("Marker"), p.get("MaxItems"), svc.limits)
        out: Response = {"FunctionArns": page}
        if marker:
            out["NextMarker"] = marker
        return out

    # -- provisioned concurrency ----------------------------------------------------------
    @operation("PutProvisionedConcurrencyConfig")
    def put_provisioned_concurrency_config(self, p: Params) -> Response:
        """Provision concurrency for a version or alias (allocated on the clock).

        PutProvisionedConcurrencyConfig. Required: ``FunctionName``, ``Qualifier`` (a
        version or alias, not ``$LATEST``) and ``ProvisionedConcurrentExecutions``.
        Returns the requested, allocated and available counts and ``Status``.
        Environments are not pre-initialised here.
        """
        model_check("PutProvisionedConcurrencyConfig", p)
        config = self._extra().put_provisioned_concurrency_config(
            p["FunctionName"], p["Qualifier"], p["ProvisionedConcurrentExecutions"]
        )
        return config.describe()

    @operation("GetProvisionedConcurrencyConfig")
    def get_provisioned_concurrency_config(self, p: Params) -> Response:
        """Read a version's or alias's provisioned concurrency and its status.

        GetProvisionedConcurrencyConfig. Required: ``FunctionName`` and ``Qualifier``.
        """
        model_check("GetProvisionedConcurrencyConfig", p)
        return (
            self._extra()
            .get_provisioned_concurrency_config(p["FunctionName"], p["Qualifier"])
            .describe()
        )

    @operation("DeleteProvisionedConcurrencyConfig")
    def delete_provisioned_concurrency_config(self, p: Params) -> Response:
        """Release a version's or alias's provisioned concurrency.

        DeleteProvisionedConcurrencyConfig. Required: ``FunctionName`` and
        ``Qualifier``. Returns only ``ResponseMetadata``.
        """
        model_check("DeleteProvisionedConcurrencyConfig", p)
        self._extra().delete_provisioned_concurrency_config(p["FunctionName"], p["Qualifier"])
        return {}

    @operation("ListProvisionedConcurrencyConfigs")
    def list_provisioned_concurrency_configs(self, p: Params) -> Response:
        """List a function's provisioned concurrency configurations.

        ListProvisionedConcurrencyConfigs. Required: ``FunctionName``. Returns
        ``ProvisionedConcurrencyConfigs`` (each with ``FunctionArn``).
        """
        model_check("ListProvisionedConcurrencyConfigs", p)
        svc = self._extra()
        found = [
            c.describe(listing=True)
            for c in svc.list_provisioned_concurrency_configs(p["FunctionName"])
        ]
        page, marker = paginate(
            found, lambda c: c["FunctionArn"], p.get("Marker"), p.get("MaxItems"), svc.limits
        )
        out: Response = {"ProvisionedConcurrencyConfigs": page}
        if marker:
            out["NextMarker"] = marker
        return out

    # -- recursion and runtime management --------------------------------------------------
    @operation("GetFunctionRecursionConfig")
    def get_function_recursion_config(self, p: Params) -> Response:
        """Read whether Lambda stops recursive loops for a function.

        GetFunctionRecursionConfig. Required: ``FunctionName``. Returns
        ``RecursiveLoop`` (AWS's default, ``Terminate``; loop detection itself is not
        emulated).
        """
        model_check("GetFunctionRecursionConfig", p)
        self._extra().get_function_configuration(p["FunctionName"])
        return {"RecursiveLoop": "Terminate"}

    @operation("PutFunctionRecursionConfig")
    def put_function_recursion_config(self, p: Params) -> Response:
        """Allow or stop recursive loops (only the default, Terminate, is accepted here).

        PutFunctionRecursionConfig. Required: ``FunctionName`` and ``RecursiveLoop``.
        ``Terminate`` (AWS's default, what GetFunctionRecursionConfig reports) changes
        nothing and is answered; ``Allow`` is refused with InvalidParameterValueException,
        since loop detection is not emulated. Returns ``RecursiveLoop``.
        """
        model_check("PutFunctionRecursionConfig", p)
        self._extra().get_function_configuration(p["FunctionName"])
        if p["RecursiveLoop"] != "Terminate":
            raise InvalidParameterValueException(_NO_LOOP_DETECTION)
        return {"RecursiveLoop": "Terminate"}

    @operation("PutRuntimeManagementConfig")
    def put_runtime_management_config(self, p: Params) -> Response:
        """Choose when a function's runtime version is updated.

        PutRuntimeManagementConfig. Required: ``FunctionName`` and ``UpdateRuntimeOn``
        (``Auto``, ``FunctionUpdate`` or ``Manual`` with ``RuntimeVersionArn``).
        Returns ``UpdateRuntimeOn``, ``FunctionArn`` and ``RuntimeVersionArn``.
        """
        model_check("PutRuntimeManagementConfig", p)
        arn, update_on, version = self._extra().put_runtime_management_config(
            p["FunctionName"], p["UpdateRuntimeOn"], p.get("RuntimeVersionArn"), p.get("Qualifier")
        )
        out: Response = {"UpdateRuntimeOn": update_on, "FunctionArn": arn}
        if version is not None:
            out["RuntimeVersionArn"] = version
        return out

    @operation("GetRuntimeManagementConfig")
    def get_runtime_management_config(self, p: Params) -> Response:
        """Read when a function's runtime version is updated.

        GetRuntimeManagementConfig. Required: ``FunctionName``; ``Qualifier`` optional.
        Returns ``UpdateRuntimeOn``, ``FunctionArn`` and, for ``Manual``,
        ``RuntimeVersionArn``.
        """
        model_check("GetRuntimeManagementConfig", p)
        arn, update_on, version = self._extra().get_runtime_management_config(
            p["FunctionName"], p.get("Qualifier")
        )
        out: Response = {"UpdateRuntimeOn": update_on, "FunctionArn": arn}
        if version is not None:
            out["RuntimeVersionArn"] = version
        return out
