"""CloudFront Functions' API: Create, Describe, Get, Update, Publish (DEVELOPMENT -> LIVE),
Test, List and Delete. The code runs in cdn-js's runtime (``_js.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs

from ._base import EngineBase, Params, Response, check_if_match, page
from ._errors import (
    EntityNotFound,
    FunctionAlreadyExists,
    FunctionInUse,
    FunctionSizeLimitExceeded,
    InvalidArgument,
    NoSuchFunctionExists,
    TestFunctionFailed,
    TooManyFunctions,
)
from ._kvs import store_views
from ._plan import items

__all__ = ["FunctionOps", "FunctionStage", "PythonFunction"]


@attrs.define
class FunctionStage:
    """One stage (DEVELOPMENT or LIVE) of a function: its code, config and compiled form."""

    code: bytes
    comment: str
    runtime: str
    etag: str
    created: float
    modified: float
    compiled: Any = attrs.field(default=None, eq=False)
    #: The associated KeyValueStore's ARN (at most one).
    kvs: tuple[str, ...] = ()

    def __snapshot__(self, copy: Any) -> FunctionStage:
        """A snapshot shares the compiled code (immutable; it holds per-thread contexts)."""
        return attrs.evolve(self)


@attrs.frozen
class PythonFunction:
    """A Python callable standing in for a function's code (our extension, not AWS's)."""

    fn: Any

    def run(self, event: dict[str, Any], *, time_limit_ms: float, **_: Any) -> Any:
        from ._js import run_python

        return run_python(self.fn, event, time_limit_ms=time_limit_ms)


def _compile(code: bytes, runtime: str) -> Any:
    from ._js import FunctionCodeError, compile_function

    try:
        return compile_function(code.decode("utf-8", "replace"), runtime)
    except FunctionCodeError as err:
        text = str(err)
        if getattr(err, "code", "") == "FunctionSizeLimitExceeded":
            raise FunctionSizeLimitExceeded(text) from None
        raise InvalidArgument(text) from None
    except ValueError as err:  # quickjs refuses the text itself (a NUL character)
        raise InvalidArgument(f"The function code is not valid: {err}.") from None


class FunctionOps(EngineBase):
    """The function operations; ``self.functions`` maps name -> {stage: FunctionStage}."""

    #: The ARNs of the KeyValueStores that exist (the KeyValueStore mixin's).
    kvs_arns: Callable[[], set[str]]

    def _function_arn(self, name: str) -> str:
        return f"arn:aws:cloudfront::{self.account_id}:function/{name}"

    def _stages(self, name: str) -> dict[str, FunctionStage]:
        found = self.functions.get(name)
        if found is None:
            raise NoSuchFunctionExists("The function does not exist.")
        return found

    def _stage(self, name: str, stage: str | None) -> FunctionStage:
        stages = self._stages(name)
        found = stages.get(stage or "DEVELOPMENT")
        if found is None:
            raise NoSuchFunctionExists("The function does not exist.")
        return found

    def _fn_summary(self, name: str, stage: str, record: FunctionStage) -> dict[str, Any]:
        status = "UNASSOCIATED"
        if stage == "LIVE" and self._function_in_use(name):
            status = "DEPLOYED"
        return {
            "Name": name,
            "Status": status,
            "FunctionConfig": _function_config(record),
            "FunctionMetadata": {
                "FunctionARN": self._function_arn(name),
                "Stage": stage,
                "CreatedTime": self.when(record.created),
                "LastModifiedTime": self.when(record.modified),
            },
        }

    def _function_in_use(self, name: str) -> bool:
        arn = self._function_arn(name)
        for dist in self.distributions.values():
            config = dist.config
            behaviors = [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]
            for behavior in behaviors:
                if any(
                    a["FunctionARN"] == arn for a in items(behavior.get("FunctionAssociations"))
                ):
                    return True
        return False

    def _check_config(self, config: dict[str, Any]) -> tuple[str, ...]:
        """The KeyValueStore ARNs a FunctionConfig associates (checked)."""
        arns = tuple(a["KeyValueStoreARN"] for a in items(config.get("KeyValueStoreAssociations")))
        if not arns:
            return ()
        if len(arns) > 1:
            raise InvalidArgument(  # [?] the text
                "A function can be associated with only one KeyValueStore."
            )
        if config["Runtime"] != "cloudfront-js-2.0":
            raise InvalidArgument(  # [?] the text
                "KeyValueStore associations require the cloudfront-js-2.0 runtime."
            )
        if arns[0] not in self.kvs_arns():
            raise EntityNotFound("The specified KeyValueStore does not exist.")  # [?] the text
        return arns

    def python_function(self, name: str, fn: Any, *, comment: str = "") -> str:
        """Make function ``name`` (LIVE at once) a Python callable; its ARN.

        Our extension: the callable takes and returns the event dicts a JavaScript
        function would. DescribeFunction shows it with the ``cloudfront-js-2.0`` runtime.
        """
        with self.lock:
            if name in self.functions:
                raise FunctionAlreadyExists("A function with the same name already exists.")
            now = self.cloud.clock.time()
            text = comment or "pyserverless: a Python callable"
            compiled = PythonFunction(fn)
            dev = FunctionStage(b"", text, "cloudfront-js-2.0", self.etag(), now, now, compiled)
            live = attrs.evolve(dev, etag=self.etag())
            self.functions[name] = {"DEVELOPMENT": dev, "LIVE": live}
            return self._function_arn(name)

    def create_function(self, params: Params) -> Response:
        """CreateFunction: a function in the DEVELOPMENT stage."""
        config = params["FunctionConfig"]
        kvs = self._check_config(config)
        code = bytes(params["FunctionCode"])
        compiled = _compile(code, config["Runtime"])
        with self.lock:
            name = params["Name"]
            if name in self.functions:
                raise FunctionAlreadyExists("A function with the same name already exists.")
            if len(self.functions) >= self.limits.max_functions:
                raise TooManyFunctions("You have reached the maximum number of functions.")
            now = self.cloud.clock.time()
            record = FunctionStage(
                code, config["Comment"], config["Runtime"], self.etag(), now, now, compiled, kvs
            )
            self.functions[name] = {"DEVELOPMENT": record}
            return {
                "FunctionSummary": self._fn_summary(name, "DEVELOPMENT", record),
                "Location": f"https://cloudfront.amazonaws.com/2020-05-31/function/{name}",
                "ETag": record.etag,
            }

    def describe_function(self, params: Params) -> Response:
        """DescribeFunction: a stage's summary."""
        with self.lock:
            stage = params.get("Stage") or "DEVELOPMENT"
            record = self._stage(params["Name"], stage)
            return {"FunctionSummary": self._fn_summary(params["Name"], stage, record),
                    "ETag": record.etag}  # fmt: skip

    def get_function(self, params: Params) -> Response:
        """GetFunction: a stage's code."""
        with self.lock:
            record = self._stage(params["Name"], params.get("Stage"))
            return {
                "FunctionCode": record.code,
                "ETag": record.etag,
                "ContentType": "application/octet-stream",
            }

    def update_function(self, params: Params) -> Response:
        """UpdateFunction: new code and config for DEVELOPMENT (``IfMatch`` its ETag)."""
        config = params["FunctionConfig"]
        with self.lock:
            record = self._stage(params["Name"], "DEVELOPMENT")
            check_if_match(params.get("IfMatch"), record.etag)
            kvs = self._check_config(config)
            code = bytes(params["FunctionCode"])
            compiled = _compile(code, config["Runtime"])
            record.code, record.comment, record.runtime = code, config["Comment"], config["Runtime"]
            record.kvs = kvs
            record.compiled = compiled
            record.etag = self.etag()
            record.modified = self.cloud.clock.time()
            return {
                "FunctionSummary": self._fn_summary(params["Name"], "DEVELOPMENT", record),
                "ETag": record.etag,
            }

    def publish_function(self, params: Params) -> Response:
        """PublishFunction: copy DEVELOPMENT to LIVE (what associations run)."""
        with self.lock:
            stages = self._stages(params["Name"])
            dev = stages["DEVELOPMENT"]
            check_if_match(params.get("IfMatch"), dev.etag)
            now = self.cloud.clock.time()
            live = stages.get("LIVE")
            created = live.created if live is not None else now
            stages["LIVE"] = attrs.evolve(dev, etag=self.etag(), created=created, modified=now)
            return {"FunctionSummary": self._fn_summary(params["Name"], "LIVE", stages["LIVE"])}

    def list_functions(self, params: Params) -> Response:
        """ListFunctions: summaries of one stage (all of them without ``Stage``)."""
        wanted = params.get("Stage")
        with self.lock:
            rows = [
                self._fn_summary(name, stage, record)
                for name in sorted(self.functions)
                for stage, record in sorted(self.functions[name].items())
                if wanted is None or stage == wanted
            ]
            chosen, next_marker, size = page(rows, params, self.limits.max_page)
            listing: dict[str, Any] = {"MaxItems": size, "Quantity": len(chosen)}
            if chosen:
                listing["Items"] = chosen
            if next_marker is not None:
                listing["NextMarker"] = next_marker
            return {"FunctionList": listing}

    def delete_function(self, params: Params) -> Response:
        """DeleteFunction: not while a distribution uses it."""
        with self.lock:
            stages = self._stages(params["Name"])
            check_if_match(params.get("IfMatch"), stages["DEVELOPMENT"].etag)
            if self._function_in_use(params["Name"]):
                raise FunctionInUse("Cannot delete function, it's in use by one or more "
                                    "distributions.")  # fmt: skip
            del self.functions[params["Name"]]
            return {}

    def test_function(self, params: Params) -> Response:
        """TestFunction: run a stage on an event object; output, logs and utilization."""
        with self.lock:
            stage = params.get("Stage") or "DEVELOPMENT"
            record = self._stage(params["Name"], stage)
            check_if_match(params.get("IfMatch"), record.etag)
            summary = self._fn_summary(params["Name"], stage, record)
        try:
            event = json.loads(bytes(params["EventObject"]))
            if not isinstance(event, dict):
                raise ValueError(event)
        except ValueError:
            raise TestFunctionFailed("The event object is not valid JSON.") from None
        run = record.compiled.run(
            event,
            kvs=store_views(self, record.kvs),
            time_limit_ms=self.limits.function_time_limit_ms,
            now_ms=self.cloud.clock.time() * 1000,
        )
        result: dict[str, Any] = {
            "FunctionSummary": summary,
            "ComputeUtilization": str(run.compute_utilization),
            "FunctionExecutionLogs": list(run.logs),
            "FunctionErrorMessage": run.error or "",
            "FunctionOutput": _output(run.output),
        }
        return {"TestResult": result}


def _output(output: dict[str, Any] | None) -> str:
    """TestFunction's FunctionOutput: ``{"request": ...}`` or ``{"response": ...}`` as JSON."""
    if output is None:
        return ""
    kind = "response" if "statusCode" in output else "request"
    return json.dumps({kind: output}, separators=(",", ":"))


def _function_config(record: FunctionStage) -> dict[str, Any]:
    config: dict[str, Any] = {"Comment": record.comment, "Runtime": record.runtime}
    if record.kvs:
        config["KeyValueStoreAssociations"] = {
            "Quantity": len(record.kvs),
            "Items": [{"KeyValueStoreARN": arn} for arn in record.kvs],
        }
    return config
