"""Lambda quotas, each a field with AWS's default (aws-facts B1, B2)."""

from __future__ import annotations

import attrs

__all__ = ["LambdaLimits"]

_MB = 1024 * 1024
_ISOLATIONS = ("inline", "process")


@attrs.frozen
class LambdaLimits:
    """Every Lambda quota pyserverless enforces; override with ``Cloud(limits=...)``.

    >>> LambdaLimits().concurrent_executions
    1000
    >>> LambdaLimits(concurrent_executions=10).min_unreserved_concurrency
    100
    """

    min_memory_mb: int = 128
    max_memory_mb: int = 10_240
    default_memory_mb: int = 128
    min_timeout_seconds: int = 1
    max_timeout_seconds: int = 900
    default_timeout_seconds: int = 3
    min_ephemeral_storage_mb: int = 512
    max_ephemeral_storage_mb: int = 10_240
    default_ephemeral_storage_mb: int = 512
    max_environment_bytes: int = 4 * 1024
    max_layers: int = 5
    max_zipped_package_bytes: int = 50 * _MB
    #: The CreateFunction request limit AWS names for an oversized request (the figure in
    #: AWS's answer recorded by localstack's test_oversized_request_create_lambda, 2023-11).
    max_create_function_request_bytes: int = 70_167_211
    max_unzipped_package_bytes: int = 250 * _MB
    max_sync_request_bytes: int = 6 * _MB
    #: AWS allows the response 100 bytes more than the request (6291556 bytes).
    max_sync_response_bytes: int = 6 * _MB + 100
    max_async_request_bytes: int = 1 * _MB
    max_client_context_bytes: int = 3583
    concurrent_executions: int = 1000
    min_unreserved_concurrency: int = 100
    #: New environments a function may add per ``scaling_window_seconds`` (Nov 2023 model).
    scaling_environments: int = 1000
    scaling_window_seconds: float = 10.0
    init_timeout_seconds: float = 10.0
    #: How long an idle environment lives before it is reaped (AWS does not publish this).
    idle_environment_seconds: float = 600.0
    max_function_name_length: int = 64
    max_description_length: int = 256
    log_tail_bytes: int = 4 * 1024
    max_retry_attempts: int = 2
    min_event_age_seconds: int = 60
    max_event_age_seconds: int = 21_600
    #: Waits before the first and second retries of a failed asynchronous event.
    async_retry_delays_seconds: tuple[float, ...] = (60.0, 120.0)
    #: Backoff for throttled asynchronous events: from 1 s doubling up to 5 minutes.
    async_throttle_backoff_min_seconds: float = 1.0
    async_throttle_backoff_max_seconds: float = 300.0
    max_list_items: int = 10_000
    default_list_items: int = 50
    #: ListFunctions returns at most this many functions per call, whatever MaxItems.
    max_functions_page: int = 50
    max_versions: int = 75_000
    max_code_storage_bytes: int = 75 * 1024 * _MB
    #: Tags per function, and the lengths of a tag's key and value (LMB:tagging).
    max_tags: int = 50
    max_tag_key_length: int = 128
    max_tag_value_length: int = 256
    #: A layer's name and description, and its list of compatible runtimes/architectures.
    max_layer_name_length: int = 140
    max_compatible_runtimes: int = 15
    max_compatible_architectures: int = 2
    max_license_info_length: int = 512
    max_log_group_length: int = 512
    #: How long a new function stays ``Pending`` and an update ``InProgress`` (seconds of
    #: the Cloud's clock; 0: the next read sees ``Active``/``Successful``, as the
    #: CreateFunction answer's ``Pending`` is over at once).
    function_state_seconds: float = 0.0
    #: Runtimes AWS no longer takes for creating or updating a function (the deprecation
    #: policy's "block function create" stage; AWS moves runtimes here over time).
    retired_runtimes: tuple[str, ...] = (
        "python2.7", "python3.6", "python3.7", "python3.8",
        "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x",
        "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x",
        "java8", "go1.x", "provided", "ruby2.5", "ruby2.7",
        "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6",
    )  # fmt: skip
    #: Whether the client's CreateFunction / UpdateFunctionConfiguration check that the
    #: Role exists and trusts ``lambda.amazonaws.com`` (the resource layer never checks).
    check_role: bool = True
    #: Settings rather than quotas: the default isolation of new functions ("inline" or
    #: "process"; ``pyserverless serve`` uses "process"), and the endpoint a process-mode
    #: handler's SDK is pointed at (``AWS_ENDPOINT_URL``; ``serve`` gives its own address).
    isolation: str = attrs.field(default="inline", validator=attrs.validators.in_(_ISOLATIONS))
    endpoint_url: str | None = None
