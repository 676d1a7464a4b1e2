"""cloud.lambda_: the resource layer, and the checks every door shares through the engine."""

from __future__ import annotations

import base64
import inspect
import json
import pickle
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_ import (
    Function,
    FunctionConfig,
    FunctionInfo,
    InvalidParameterValueException,
    InvalidRequestContentException,
    LambdaResource,
    LambdaSummary,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import lambda_role, make_zip


def echo(event: Any, context: Any) -> Any:
    return event


def custom(event: Any, context: Any) -> Any:
    cc = context.client_context
    return None if cc is None else cc.custom


def b64(value: Any) -> str:
    return base64.b64encode(json.dumps(value).encode()).decode()


class TestLambdaResource:
    def test_cloud_attribute_is_the_resource(self, lam):
        """cloud.lambda_ is the resource layer, the same object each time; the engine is apart."""
        assert isinstance(lam.lambda_, LambdaResource)
        assert lam.lambda_ is lam.lambda_
        assert lam.lambda_ is not lam.engine("lambda")
        assert repr(lam.lambda_) == "<Lambda us-east-1 functions=0>"

    def test_create_returns_a_function(self, lam):
        """create_function returns a Function whose describe() is a frozen snapshot."""
        fn = lam.lambda_.create_function("f", handler=echo, memory_mb=256)
        assert isinstance(fn, Function)
        config = fn.describe()
        assert isinstance(config, FunctionConfig)
        assert (config.memory_mb, config.version) == (256, "$LATEST")
        with pytest.raises(AttributeError):
            config.memory_mb = 1  # type: ignore[misc]
        assert fn.arn == "arn:aws:lambda:us-east-1:123456789012:function:f"

    def test_misspelt_keyword_refused(self, lam):
        """An unknown keyword is a TypeError, and nothing is created."""
        with pytest.raises(TypeError, match="memory"):
            lam.lambda_.create_function("f", handler=echo, memory=256)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="timeuot"):
            lam.lambda_.create_function("g", handler=echo).update(timeuot=3)
        assert [f.name for f in lam.lambda_.functions()] == ["g"]
        assert lam.lambda_.function("g").describe().timeout == 3

    def test_function_by_name_and_by_arn(self, lam):
        """function(name) finds a function by name or ARN; absent, AWS's error."""
        made = lam.lambda_.create_function("f", handler=echo)
        assert lam.lambda_.function("f") == made
        assert lam.lambda_.function(made.arn) == made
        with pytest.raises(ResourceNotFoundException, match="function:nope"):
            lam.lambda_.function("nope")

    def test_functions_lists_past_one_page(self, lam):
        """functions() follows ListFunctions' pages: all 60 of 60, in name order."""
        for i in range(60):
            lam.lambda_.create_function(f"f{i:02d}", handler=echo)
        names = [f.name for f in lam.lambda_.functions()]
        assert names == [f"f{i:02d}" for i in range(60)]
        page = lam.engine("lambda").list_functions()
        assert len(page.items) == 50 and page.next_marker

    def test_describe_summary(self, lam):
        """describe() is a frozen summary of the region."""
        lam.lambda_.create_function("b", handler=echo, reserved_concurrency=10)
        lam.lambda_.create_function("a", handler=echo)
        summary = lam.lambda_.describe()
        assert isinstance(summary, LambdaSummary)
        assert summary.functions == ("a", "b")
        assert (summary.concurrent_executions, summary.unreserved_concurrency) == (1000, 990)

    def test_delete(self, lam):
        """delete() removes the function; its repr says so."""
        fn = lam.lambda_.create_function("f", handler=echo)
        fn.delete()
        assert repr(fn) == "<Function 'f' (deleted)>"
        assert lam.lambda_.functions() == []
        with pytest.raises(ResourceNotFoundException):
            fn.invoke()


class TestDefaultRole:
    def test_role_follows_the_account(self):
        """A function made without a role gets lambda-role in the Cloud's own account."""
        cloud = Cloud(account_id="210987654321", clock=ManualClock())
        fn = cloud.lambda_.create_function("f", handler=echo)
        assert fn.describe().role == "arn:aws:iam::210987654321:role/lambda-role"
        assert fn.arn == "arn:aws:lambda:us-east-1:210987654321:function:f"
        config = cloud.client("lambda").get_function_configuration(FunctionName="f")
        assert config["Role"] == "arn:aws:iam::210987654321:role/lambda-role"

    def test_default_account_keeps_its_role(self, lam):
        """The default account's functions keep 123456789012's role."""
        fn = lam.lambda_.create_function("f", handler=echo)
        assert fn.describe().role == "arn:aws:iam::123456789012:role/lambda-role"

    def test_given_role_is_kept(self, lam):
        """A role given is used as it is (and checked against the pattern)."""
        role = "arn:aws:iam::111122223333:role/other"
        assert lam.lambda_.create_function("f", handler=echo, role=role).describe().role == role
        with pytest.raises(ValidationException, match="'role'"):
            lam.lambda_.create_function("g", handler=echo, role="not-a-role")


class TestInvokeChecks:
    """Invoke's checks live in the engine: the resource refuses what the client refuses."""

    def test_invocation_type_enum(self, lam):
        """InvocationType Bogus is AWS's ValidationException, and nothing runs."""
        fn = lam.lambda_.create_function("f", handler=echo)
        with pytest.raises(ValidationException) as err:
            fn.invoke({"a": 1}, invocation_type="Bogus")
        assert str(err.value).endswith(
            "1 validation error detected: Value 'Bogus' at 'invocationType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
        )
        assert lam.lambda_.bill().requests == 0
        assert fn.environments() == 0

    def test_invocation_types_accepted(self, lam):
        """Event queues and DryRun only checks; both answer None."""
        fn = lam.lambda_.create_function("f", handler=echo)
        assert fn.invoke({"a": 1}, invocation_type="DryRun") is None
        assert lam.lambda_.bill().requests == 0
        assert fn.invoke({"a": 1}, invocation_type="Event") is None
        lam.run_until_idle()
        assert lam.lambda_.bill().requests == 1

    def test_log_type_enum(self, lam):
        """LogType must be None or Tail; both errors come in one message."""
        fn = lam.lambda_.create_function("f", handler=echo)
        assert fn.invoke_raw(b"{}", log_type="Tail").log_result
        with pytest.raises(ValidationException, match=r"2 validation errors.*logType"):
            fn.invoke_raw(b"{}", log_type="All", invocation_type="Sync")

    def test_client_context_mapping_reaches_the_handler(self, lam):
        """A mapping is encoded as the API's Base64 JSON; the handler reads its custom part."""
        fn = lam.lambda_.create_function("f", handler=custom)
        assert fn.invoke(client_context={"custom": {"k": "v"}}) == {"k": "v"}
        assert fn.invoke(client_context=b64({"custom": {"n": 1}})) == {"n": 1}

    def test_client_context_size_limit(self, lam):
        """3583 bytes of Base64 are accepted, 3584 refused, whichever door."""
        fn = lam.lambda_.create_function("f", handler=custom)
        limit = lam.limits.lambda_.max_client_context_bytes  # 3583
        base = len(json.dumps({"custom": {"p": ""}}))
        pad = "x" * (limit // 4 * 3 - base)  # the longest Base64 text within the limit
        fits = b64({"custom": {"p": pad}})
        assert len(fits) == limit // 4 * 4
        assert fn.invoke(client_context=fits) == {"p": pad}
        over = "A" * (limit + 1)  # the size is checked before the content
        with pytest.raises(ValidationException, match="clientContext"):
            fn.invoke(client_context=over)
        with pytest.raises(ValidationException, match="clientContext"):
            fn.invoke(client_context={"custom": {"p": "x" * limit}})

    @pytest.mark.parametrize("value", ["%%%", b64([1, 2]), b64("text"), 12])
    def test_client_context_must_be_a_json_object(self, lam, value):
        """Not Base64, or JSON that is not an object: InvalidRequestContentException."""
        fn = lam.lambda_.create_function("f", handler=custom)
        with pytest.raises(InvalidRequestContentException, match="Base64-encoded JSON object"):
            fn.invoke(client_context=value)
        assert lam.lambda_.bill().requests == 0

    def test_engine_refuses_a_missing_function_name(self, lam):
        """No FunctionName: the required-member error, as the client reports it."""
        with pytest.raises(ValidationException, match=r"'functionName'.*must not be null"):
            lam.engine("lambda").invoke(None, b"{}")  # type: ignore[arg-type]


class TestPagination:
    """MaxItems and Marker are checked by the engine for every listing."""

    @pytest.mark.parametrize("size", [0, 10_001])
    def test_max_items_bounds(self, lam, size):
        """MaxItems 1..10000: outside is AWS's ValidationException."""
        engine = lam.engine("lambda")
        with pytest.raises(ValidationException, match="maxItems"):
            engine.list_functions(max_items=size)
        lam.lambda_.create_function("f", handler=echo)
        with pytest.raises(ValidationException, match="maxItems"):
            engine.list_versions_by_function("f", max_items=size)
        with pytest.raises(ValidationException, match="maxItems"):
            engine.list_aliases("f", max_items=size)
        with pytest.raises(ValidationException, match="maxItems"):
            engine.list_layers(max_items=size)

    @pytest.mark.parametrize("size", [1, 10_000])
    def test_max_items_edges_accepted(self, lam, size):
        """MaxItems 1 and 10000 are accepted."""
        lam.lambda_.create_function("f", handler=echo)
        lam.lambda_.create_function("g", handler=echo)
        page = lam.engine("lambda").list_functions(max_items=size)
        assert [c.name for c in page.items] == ["f", "g"][:size]
        assert (page.next_marker is None) == (size > 1)

    def test_marker_walks_and_bad_marker_refused(self, lam):
        """Each page starts after the last one's marker; a marker not Base64 is refused."""
        for name in "abc":
            lam.lambda_.create_function(name, handler=echo)
        engine = lam.engine("lambda")
        first = engine.list_functions(max_items=2)
        second = engine.list_functions(max_items=2, marker=first.next_marker)
        assert [c.name for c in first.items + second.items] == ["a", "b", "c"]
        assert second.next_marker is None
        with pytest.raises(InvalidParameterValueException, match="Invalid Marker: %%%"):
            engine.list_functions(marker="%%%")

    def test_versions_and_aliases_through_the_resource(self, lam):
        """versions() and aliases() read every page."""
        fn = lam.lambda_.create_function("f", handler=echo)
        for i in range(3):
            fn.update(description=f"d{i}")
            fn.publish_version()
        fn.create_alias("live", "3")
        fn.create_alias("old", "1", description="first")
        assert [c.version for c in fn.versions()] == ["$LATEST", "1", "2", "3"]
        assert [(a.name, a.function_version) for a in fn.aliases()] == [("live", "3"), ("old", "1")]
        assert fn.update_alias("old", version="2").function_version == "2"
        fn.delete_alias("old")
        assert [a.name for a in fn.aliases()] == ["live"]
        with pytest.raises(ResourceNotFoundException):
            fn.alias("old")


class TestInfo:
    def test_info_is_get_function(self, lam):
        """info() carries the configuration, tags, concurrency, versions and aliases."""
        fn = lam.lambda_.create_function(
            "f", handler=echo, tags={"team": "a"}, reserved_concurrency=5
        )
        fn.publish_version()
        fn.create_alias("live", "1")
        info = fn.info("live")
        assert isinstance(info, FunctionInfo)
        assert info.config.version == "1"
        assert dict(info.tags) == {"team": "a"}
        assert (info.reserved_concurrency, info.versions, info.aliases) == (5, ("1",), ("live",))
        fn.set_concurrency(None)
        assert fn.info().reserved_concurrency is None

    def test_update_code_from_a_zip(self, lam):
        """update_code replaces the code; the handler name stays unless given."""
        fn = lam.lambda_.create_function(
            "f",
            handler="app.handler",
            code=make_zip({"app.py": "def handler(e, c):\n    return 1\n"}),
        )
        fn.update_code("app.handler", make_zip({"app.py": "def handler(e, c):\n    return 2\n"}))
        assert fn.invoke() == 2


class _PlainOnly:
    """An engine stand-in that allows what a forked handler's engine allows: public
    methods whose arguments and results survive pickling (and the region and limits)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.calls: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        if name in ("region", "limits"):
            return getattr(self._engine, name)
        if name.startswith("_") or not inspect.isfunction(getattr(type(self._engine), name, None)):
            raise AssertionError(f"the engine's {name!r} was reached, not a public method")

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.add(name)
            args, kwargs = pickle.loads(pickle.dumps((args, kwargs)))
            return pickle.loads(pickle.dumps(getattr(self._engine, name)(*args, **kwargs)))

        return call


APP = make_zip({"app.py": "def handler(event, context):\n    return event\n"})
LAYER = make_zip({"python/lib.py": "X = 1\n"})


def _client_scenario(cloud: Cloud) -> None:
    c = cloud.client("lambda")
    role = lambda_role(cloud)
    arn = c.create_function(
        FunctionName="f", Runtime="python3.12", Role=role, Handler="app.handler",
        Code={"ZipFile": APP}, Tags={"a": "1"},
    )["FunctionArn"]  # fmt: skip
    c.get_function(FunctionName="f")
    c.get_function_configuration(FunctionName="f")
    c.update_function_code(FunctionName="f", ZipFile=APP)
    c.update_function_configuration(FunctionName="f", Timeout=5)
    c.list_functions(MaxItems=1)
    c.publish_version(FunctionName="f")
    c.list_versions_by_function(FunctionName="f")
    c.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
    c.get_alias(FunctionName="f", Name="live")
    c.update_alias(FunctionName="f", Name="live", Description="d")
    c.list_aliases(FunctionName="f")
    c.delete_alias(FunctionName="f", Name="live")
    c.put_function_concurrency(FunctionName="f", ReservedConcurrentExecutions=2)
    c.get_function_concurrency(FunctionName="f")
    c.delete_function_concurrency(FunctionName="f")
    c.get_account_settings()
    c.put_function_event_invoke_config(FunctionName="f", MaximumRetryAttempts=1)
    c.update_function_event_invoke_config(FunctionName="f", MaximumRetryAttempts=0)
    c.get_function_event_invoke_config(FunctionName="f")
    c.delete_function_event_invoke_config(FunctionName="f")
    assert c.invoke(FunctionName="f", Payload=b"3", LogType="Tail")["Payload"].read() == b"3"
    c.tag_resource(Resource=arn, Tags={"b": "2"})
    c.untag_resource(Resource=arn, TagKeys=["a"])
    assert c.list_tags(Resource=arn)["Tags"] == {"b": "2"}
    layer = c.publish_layer_version(LayerName="lib", Content={"ZipFile": LAYER})
    c.get_layer_version(LayerName="lib", VersionNumber=1)
    c.get_layer_version_by_arn(Arn=layer["LayerVersionArn"])
    c.list_layer_versions(LayerName="lib")
    c.list_layers()
    c.delete_layer_version(LayerName="lib", VersionNumber=1)
    c.delete_function(FunctionName="f")


def _resource_scenario(cloud: Cloud) -> None:
    res = cloud.lambda_
    layer = res.publish_layer_version("lib", LAYER)
    fn = res.create_function("g", handler="app.handler", code=APP, layers=[layer.arn])
    assert res.function("g") == fn and res.functions() == [fn]
    assert fn.invoke({"x": 1}) == {"x": 1}
    fn.invoke_async(2)
    assert fn.describe().handler == "app.handler" and fn.info().name == "g"
    assert fn.logs() and fn.log_events() and fn.environments() == 1
    fn.update(memory_mb=256)
    fn.update_code("app.handler", APP)
    fn.set_concurrency(3)
    fn.set_concurrency(None)
    fn.publish_version()
    fn.create_alias("live", "1")
    assert [a.name for a in fn.aliases()] == ["live"] and fn.alias("live").name == "live"
    fn.update_alias("live", description="d")
    fn.delete_alias("live")
    assert len(fn.versions()) == 2
    assert res.layers() == [layer] and res.layer_versions("lib") == [layer]
    assert res.layer_version("lib", layer.version) == layer
    assert res.describe().functions == ("g",) and res.bill().requests >= 1
    assert repr(fn).startswith("<Function 'g'") and repr(res) == "<Lambda us-east-1 functions=1>"
    fn.delete()


class TestEngineBoundary:
    """The client and the resource reach Lambda only through public methods with plain
    values: what a process-isolated handler's forwarded engine allows."""

    def test_client_and_resource_use_public_plain_methods(self):
        """Every operation of both layers runs over an engine that pickles each call."""
        cloud = Cloud(clock=ManualClock())
        lambda_role(cloud)
        plain = _PlainOnly(cloud.engine("lambda"))
        cloud._engines[("lambda", "us-east-1")] = plain
        try:
            _client_scenario(cloud)
            _resource_scenario(cloud)
        finally:
            plain._engine.close()
        assert {"invoke", "list_layers", "function_names", "log_events"} <= plain.calls

    def test_the_stand_in_catches_a_private_reach(self):
        """The stand-in fails on what a forked handler could not do."""
        cloud = Cloud(clock=ManualClock())
        lambda_role(cloud)
        plain = _PlainOnly(cloud.engine("lambda"))
        with pytest.raises(AssertionError, match="'functions'"):
            plain.functions  # noqa: B018
        with pytest.raises(Exception, match="pickle"):
            plain.create_function("f", handler=lambda e, c: e)
