"""The Lambda client's capacity provider, function scaling and durable execution
operations (a base class of ``LambdaClient``, through ``ExtraClientOps``).

Lambda Managed Instances (capacity providers) and durable functions are not emulated.
Each operation answers as AWS answers an account that has none of them: after AWS's
model checks, listings are empty, reads of a named resource are
``ResourceNotFoundException``, and creating one is refused with
``InvalidParameterValueException`` that says why; never a 404 unknown operation.
"""

from __future__ import annotations

from .._core.client import Params, Response, ServiceClient, operation
from ._client_policy import model_check
from ._engine import LambdaService
from ._errors import InvalidParameterValueException, ResourceNotFoundException

__all__ = ["UnavailableClientOps"]

# [?] No AWS text found for these: each names the resource as AWS's other 404s do.
_PROVIDER_MISSING = "Capacity provider not found: {name}"
_EXECUTION_MISSING = "Durable execution not found: {arn}"
_CALLBACK_MISSING = "Callback not found: {id}"
_NO_PROVIDERS = (
    "pyserverless does not emulate Lambda Managed Instances: capacity providers cannot be created"
)
_NO_SCALING = "Function scaling configuration applies to functions on a capacity provider only"


class UnavailableClientOps(ServiceClient):
    """Capacity providers, function scaling and durable executions: none exist here.

    >>> from pyserverless import Cloud
    >>> lam = Cloud.manual().client("lambda")
    >>> lam.list_capacity_providers()["CapacityProviders"]
    []
    """

    def _lambda_engine(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    # -- capacity providers ----------------------------------------------------------------
    @operation("CreateCapacityProvider")
    def create_capacity_provider(self, p: Params) -> Response:
        """Create a pool of managed EC2 capacity for functions (refused: not emulated).

        CreateCapacityProvider. Required: ``CapacityProviderName``, ``VpcConfig`` and
        ``PermissionsConfig``. Here it is refused with InvalidParameterValueException.
        """
        model_check("CreateCapacityProvider", p)
        raise InvalidParameterValueException(_NO_PROVIDERS)

    @operation("GetCapacityProvider")
    def get_capacity_provider(self, p: Params) -> Response:
        """Describe a capacity provider (none exist: ResourceNotFoundException).

        GetCapacityProvider. Required: ``CapacityProviderName``.
        """
        model_check("GetCapacityProvider", p)
        raise ResourceNotFoundException(_PROVIDER_MISSING.format(name=p["CapacityProviderName"]))

    @operation("UpdateCapacityProvider")
    def update_capacity_provider(self, p: Params) -> Response:
        """Change a capacity provider's scaling (none exist: ResourceNotFoundException).

        UpdateCapacityProvider. Required: ``CapacityProviderName``.
        """
        model_check("UpdateCapacityProvider", p)
        raise ResourceNotFoundException(_PROVIDER_MISSING.format(name=p["CapacityProviderName"]))

    @operation("DeleteCapacityProvider")
    def delete_capacity_provider(self, p: Params) -> Response:
        """Delete a capacity provider (none exist: ResourceNotFoundException).

        DeleteCapacityProvider. Required: ``CapacityProviderName``.
        """
        model_check("DeleteCapacityProvider", p)
        raise ResourceNotFoundException(_PROVIDER_MISSING.format(name=p["CapacityProviderName"]))

    @operation("ListCapacityProviders")
    def list_capacity_providers(self, p: Params) -> Response:
        """List capacity providers (always none here).

        ListCapacityProviders. Optional: ``State``, ``MaxItems``, ``Marker``. Returns
        ``CapacityProviders`` (empty).
        """
        model_check("ListCapacityProviders", p)
        return {"CapacityProviders": []}

    @operation("ListFunctionVersionsByCapacityProvider")
    def list_function_versions_by_capacity_provider(self, p: Params) -> Response:
        """List the function versions on a capacity provider (none exist).

        ListFunctionVersionsByCapacityProvider. Required: ``CapacityProviderName``.
        """
        model_check("ListFunctionVersionsByCapacityProvider", p)
        raise ResourceNotFoundException(_PROVIDER_MISSING.format(name=p["CapacityProviderName"]))

    # -- function scaling ---------------------------------------------------------------
    def _scaling(self, operation_name: str, p: Params) -> Response:
        model_check(operation_name, p)
        svc = self._lambda_engine()
        svc.get_function_configuration(p["FunctionName"], p["Qualifier"])
        raise InvalidParameterValueException(_NO_SCALING)

    @operation("GetFunctionScalingConfig")
    def get_function_scaling_config(self, p: Params) -> Response:
        """Read a capacity-provider function's scaling (no function has one here).

        GetFunctionScalingConfig. Required: ``FunctionName`` and ``Qualifier``. An
        unknown function is ResourceNotFoundException; a known one is
        InvalidParameterValueException (it runs on no capacity provider).
        """
        return self._scaling("GetFunctionScalingConfig", p)

    @operation("PutFunctionScalingConfig")
    def put_function_scaling_config(self, p: Params) -> Response:
        """Set a capacity-provider function's scaling (no function has one here).

        PutFunctionScalingConfig. Required: ``FunctionName`` and ``Qualifier``. Answers
        as GetFunctionScalingConfig does.
        """
        return self._scaling("PutFunctionScalingConfig", p)

    # -- durable executions ---------------------------------------------------------------
    def _no_execution(self, operation_name: str, p: Params) -> Response:
        model_check(operation_name, p)
        raise ResourceNotFoundException(_EXECUTION_MISSING.format(arn=p["DurableExecutionArn"]))

    @operation("GetDurableExecution")
    def get_durable_execution(self, p: Params) -> Response:
        """Describe a durable execution (none exist: ResourceNotFoundException).

        GetDurableExecution. Required: ``DurableExecutionArn``.
        """
        return self._no_execution("GetDurableExecution", p)

    @operation("GetDurableExecutionHistory")
    def get_durable_execution_history(self, p: Params) -> Response:
        """Read a durable execution's events (none exist: ResourceNotFoundException).

        GetDurableExecutionHistory. Required: ``DurableExecutionArn``.
        """
        return self._no_execution("GetDurableExecutionHistory", p)

    @operation("GetDurableExecutionState")
    def get_durable_execution_state(self, p: Params) -> Response:
        """Read a durable execution's checkpointed state (no token is valid here).

        GetDurableExecutionState. Required: ``DurableExecutionArn`` and
        ``CheckpointToken``; answers InvalidParameterValueException.
        """
        model_check("GetDurableExecutionState", p)
        raise InvalidParameterValueException("Invalid checkpoint token")

    @operation("CheckpointDurableExecution")
    def checkpoint_durable_execution(self, p: Params) -> Response:
        """Record a durable execution's progress (no token is valid here).

        CheckpointDurableExecution. Required: ``DurableExecutionArn`` and
        ``CheckpointToken``; answers InvalidParameterValueException.
        """
        model_check("CheckpointDurableExecution", p)
        raise InvalidParameterValueException("Invalid checkpoint token")

    @operation("StopDurableExecution")
    def stop_durable_execution(self, p: Params) -> Response:
        """Stop a durable execution (none exist: ResourceNotFoundException).

        StopDurableExecution. Required: ``DurableExecutionArn``.
        """
        return self._no_execution("StopDurableExecution", p)

    @operation("PauseDurableExecution")
    def pause_durable_execution(self, p: Params) -> Response:
        """Pause a durable execution (none exist: ResourceNotFoundException).

        PauseDurableExecution. Required: ``DurableExecutionArn``.
        """
        return self._no_execution("PauseDurableExecution", p)

    @operation("ResumeDurableExecution")
    def resume_durable_execution(self, p: Params) -> Response:
        """Resume a paused durable execution (none exist: ResourceNotFoundException).

        ResumeDurableExecution. Required: ``DurableExecutionArn``.
        """
        return self._no_execution("ResumeDurableExecution", p)

    @operation("DeleteDurableExecution")
    def delete_durable_execution(self, p: Params) -> Response:
        """Delete a durable execution's record (none exist: ResourceNotFoundException).

        DeleteDurableExecution. Required: ``DurableExecutionArn``.
        """
        return self._no_execution("DeleteDurableExecution", p)

    @operation("ListDurableExecutionsByFunction")
    def list_durable_executions_by_function(self, p: Params) -> Response:
        """List a function's durable executions (a function here has none).

        ListDurableExecutionsByFunction. Required: ``FunctionName``. An unknown function
        is ResourceNotFoundException; otherwise ``DurableExecutions`` is empty.
        """
        model_check("ListDurableExecutionsByFunction", p)
        self._lambda_engine().get_function_configuration(p["FunctionName"], p.get("Qualifier"))
        return {"DurableExecutions": []}

    def _no_callback(self, operation_name: str, p: Params) -> Response:
        model_check(operation_name, p)
        raise ResourceNotFoundException(_CALLBACK_MISSING.format(id=p["CallbackId"]))

    @operation("SendDurableExecutionCallbackSuccess")
    def send_durable_execution_callback_success(self, p: Params) -> Response:
        """Complete a durable execution's callback (none exist: ResourceNotFoundException).

        SendDurableExecutionCallbackSuccess. Required: ``CallbackId``.
        """
        return self._no_callback("SendDurableExecutionCallbackSuccess", p)

    @operation("SendDurableExecutionCallbackFailure")
    def send_durable_execution_callback_failure(self, p: Params) -> Response:
        """Fail a durable execution's callback (none exist: ResourceNotFoundException).

        SendDurableExecutionCallbackFailure. Required: ``CallbackId``.
        """
        return self._no_callback("SendDurableExecutionCallbackFailure", p)

    @operation("SendDurableExecutionCallbackHeartbeat")
    def send_durable_execution_callback_heartbeat(self, p: Params) -> Response:
        """Keep a durable execution's callback alive (none exist: ResourceNotFoundException).

        SendDurableExecutionCallbackHeartbeat. Required: ``CallbackId``.
        """
        return self._no_callback("SendDurableExecutionCallbackHeartbeat", p)
