"""The Lambda client's policy operations (a base class of ``LambdaClient``):
AddPermission, RemovePermission, GetPolicy, Put/Get/DeleteResourcePolicy and the
layer version permissions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._core.client import Params, Response, ServiceClient, operation
from .._core.shapes import Report, envelope, table
from ._engine import LambdaService
from ._errors import ValidationException

__all__ = ["PolicyClientOps", "model_check"]


def model_check(operation_name: str, params: Mapping[str, Any]) -> None:
    """AWS's server-side model checks (enum, maximum, pattern) of a request, in its
    "N validation errors detected" form, before the engine looks anything up.

    >>> model_check("GetPolicy", {"FunctionName": "f", "Qualifier": "a b"})
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.ValidationException: ... Value 'a b' at 'qualifier' failed ...
    """
    data = table("lambda")
    report = Report(data["shapes"], frozenset())
    problems = report.server(
        params, data["operations"][operation_name], client_side=False, generic=True
    )
    if problems:
        raise ValidationException(envelope(problems))


class PolicyClientOps(ServiceClient):
    """Resource-based policies of functions and layer versions.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> _ = cloud.lambda_.create_function("thumb", handler=lambda e, c: None)
    >>> lam = cloud.client("lambda")
    >>> _ = lam.add_permission(FunctionName="thumb", StatementId="s3",
    ...     Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
    ...     SourceArn="arn:aws:s3:::photos")
    >>> import json
    >>> [s["Sid"] for s in json.loads(lam.get_policy(FunctionName="thumb")["Policy"])["Statement"]]
    ['s3']
    """

    def _policies(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    @operation("AddPermission")
    def add_permission(self, p: Params) -> Response:
        """Let a service, account or organization use a function (a policy statement).

        AddPermission. Required: ``FunctionName``, ``StatementId`` (unique in the
        policy), ``Action`` (``lambda:InvokeFunction``...) and ``Principal`` (a service
        such as ``s3.amazonaws.com``, an account id, an IAM ARN or ``*``). Often used:
        ``SourceArn``, ``SourceAccount``, ``Qualifier`` (a version or alias),
        ``FunctionUrlAuthType``, ``PrincipalOrgID``, ``RevisionId``. Returns
        ``Statement``: the added statement as a JSON string.
        """
        model_check("AddPermission", p)
        statement = self._policies().add_permission(
            p["FunctionName"],
            p["StatementId"],
            p["Action"],
            p["Principal"],
            qualifier=p.get("Qualifier"),
            source_arn=p.get("SourceArn"),
            source_account=p.get("SourceAccount"),
            event_source_token=p.get("EventSourceToken"),
            principal_org_id=p.get("PrincipalOrgID"),
            function_url_auth_type=p.get("FunctionUrlAuthType"),
            invoked_via_function_url=p.get("InvokedViaFunctionUrl"),
            revision_id=p.get("RevisionId"),
        )
        return {"Statement": statement}

    @operation("RemovePermission")
    def remove_permission(self, p: Params) -> Response:
        """Remove one statement from a function's policy.

        RemovePermission. Required: ``FunctionName`` and ``StatementId``. Often used:
        ``Qualifier``, ``RevisionId``. Returns only ``ResponseMetadata``.
        """
        model_check("RemovePermission", p)
        self._policies().remove_permission(
            p["FunctionName"],
            p["StatementId"],
            qualifier=p.get("Qualifier"),
            revision_id=p.get("RevisionId"),
        )
        return {}

    @operation("GetPolicy")
    def get_policy(self, p: Params) -> Response:
        """Read a function's resource-based policy.

        GetPolicy. Required: ``FunctionName``; ``Qualifier`` for a version or alias.
        Returns ``Policy`` (the document as a JSON string) and ``RevisionId``.
        """
        model_check("GetPolicy", p)
        policy, revision = self._policies().get_policy(p["FunctionName"], p.get("Qualifier"))
        return {"Policy": policy, "RevisionId": revision}

    @operation("PutResourcePolicy")
    def put_resource_policy(self, p: Params) -> Response:
        """Replace the whole resource-based policy of a function, version or alias.

        PutResourcePolicy. Required: ``ResourceArn`` (a full function ARN, qualified or
        not) and ``Policy`` (a JSON document). Often used: ``RevisionId``. Returns
        ``Policy`` and the new ``RevisionId``.
        """
        model_check("PutResourcePolicy", p)
        policy, revision = self._policies().put_resource_policy(
            p["ResourceArn"], p["Policy"], p.get("RevisionId")
        )
        return {"Policy": policy, "RevisionId": revision}

    @operation("GetResourcePolicy")
    def get_resource_policy(self, p: Params) -> Response:
        """Read the resource-based policy of a function, version or alias by ARN.

        GetResourcePolicy. Required: ``ResourceArn``. Returns ``Policy`` and
        ``RevisionId``.
        """
        model_check("GetResourcePolicy", p)
        policy, revision = self._policies().get_resource_policy(p["ResourceArn"])
        return {"Policy": policy, "RevisionId": revision}

    @operation("DeleteResourcePolicy")
    def delete_resource_policy(self, p: Params) -> Response:
        """Remove the whole resource-based policy of a function, version or alias.

        DeleteResourcePolicy. Required: ``ResourceArn``. Often used: ``RevisionId``.
        Returns only ``ResponseMetadata``.
        """
        model_check("DeleteResourcePolicy", p)
        self._policies().delete_resource_policy(p["ResourceArn"], p.get("RevisionId"))
        return {}

    @operation("AddLayerVersionPermission")
    def add_layer_version_permission(self, p: Params) -> Response:
        """Share a layer version with another account, an organization or everyone.

        AddLayerVersionPermission. Required: ``LayerName``, ``VersionNumber``,
        ``StatementId``, ``Action`` (``lambda:GetLayerVersion``) and ``Principal`` (an
        account id or ``*``). Often used: ``OrganizationId`` (with ``*``),
        ``RevisionId``. Returns ``Statement`` (JSON) and the policy's ``RevisionId``.
        """
        model_check("AddLayerVersionPermission", p)
        statement, revision = self._policies().add_layer_version_permission(
            p["LayerName"],
            p["VersionNumber"],
            p["StatementId"],
            p["Action"],
            p["Principal"],
            organization_id=p.get("OrganizationId"),
            revision_id=p.get("RevisionId"),
        )
        return {"Statement": statement, "RevisionId": revision}

    @operation("RemoveLayerVersionPermission")
    def remove_layer_version_permission(self, p: Params) -> Response:
        """Stop sharing a layer version with whom one statement names.

        RemoveLayerVersionPermission. Required: ``LayerName``, ``VersionNumber`` and
        ``StatementId``. Often used: ``RevisionId``. Returns only ``ResponseMetadata``.
        """
        model_check("RemoveLayerVersionPermission", p)
        self._policies().remove_layer_version_permission(
            p["LayerName"], p["VersionNumber"], p["StatementId"], revision_id=p.get("RevisionId")
        )
        return {}

    @operation("GetLayerVersionPolicy")
    def get_layer_version_policy(self, p: Params) -> Response:
        """Read who may use a layer version.

        GetLayerVersionPolicy. Required: ``LayerName`` and ``VersionNumber``. Returns
        ``Policy`` (JSON) and ``RevisionId``.
        """
        model_check("GetLayerVersionPolicy", p)
        policy, revision = self._policies().get_layer_version_policy(
            p["LayerName"], p["VersionNumber"]
        )
        return {"Policy": policy, "RevisionId": revision}
