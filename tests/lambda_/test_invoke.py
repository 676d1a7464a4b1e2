"""Invoke: invocation types, payloads and their limits, errors, context, environment, logs."""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import time

import pytest
from aws_lambda_powertools.utilities.typing import LambdaContext as PowertoolsContext

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_ import (
    FunctionError,
    InvalidRequestContentException,
    LambdaContext,
    RequestEntityTooLargeException,
    ResourceNotFoundException,
)

from .conftest import ROLE, make_zip

MB = 1024 * 1024


def echo(event, context):
    return event


@pytest.fixture
def client(lam: Cloud):
    return lam.client("lambda")


class TestInvocationTypes:
    def test_request_response(self, lam, client):
        """RequestResponse: 200, ExecutedVersion and a readable Payload."""
        lam.lambda_.create_function("f", handler=echo)
        resp = client.invoke(FunctionName="f", Payload=json.dumps({"a": 1}))
        assert resp["StatusCode"] == 200
        assert resp["ExecutedVersion"] == "$LATEST"
        assert json.loads(resp["Payload"].read()) == {"a": 1}
        assert "FunctionError" not in resp

    def test_event_is_queued(self, lam, client):
        """Event: 202 and an empty body; the handler runs when the scheduler does."""
        seen = []
        lam.lambda_.create_function("f", handler=lambda e, c: seen.append(e))
        resp = client.invoke(FunctionName="f", InvocationType="Event", Payload=b'{"x": 1}')
        assert (resp["StatusCode"], resp["Payload"].read(), seen) == (202, b"", [])
        lam.advance(0)
        assert seen == [{"x": 1}]

    def test_dry_run(self, lam, client):
        """DryRun: 204 and nothing runs."""
        seen = []
        lam.lambda_.create_function("f", handler=lambda e, c: seen.append(e))
        assert client.invoke(FunctionName="f", InvocationType="DryRun")["StatusCode"] == 204
        assert seen == []

    def test_unknown_function(self, client):
        """Invoking a missing function is ResourceNotFoundException."""
        with pytest.raises(ResourceNotFoundException):
            client.invoke(FunctionName="ghost")

    def test_bad_json(self, lam, client):
        """A payload that is not JSON is InvalidRequestContentException."""
        lam.lambda_.create_function("f", handler=echo)
        with pytest.raises(InvalidRequestContentException, match="Could not parse request body"):
            client.invoke(FunctionName="f", Payload=b"{nope")


class TestPayloadLimits:
    def _string(self, size: int) -> bytes:
        return b'"' + b"a" * (size - 2) + b'"'

    def test_sync_request_at_and_over_6mb(self, lam, client):
        """6 MB (6291456 bytes) is the synchronous request limit; one byte more is 413."""
        lam.lambda_.create_function("f", handler=lambda e, c: len(e))
        ok = client.invoke(FunctionName="f", Payload=self._string(6 * MB))
        assert json.loads(ok["Payload"].read()) == 6 * MB - 2
        with pytest.raises(RequestEntityTooLargeException) as err:
            client.invoke(FunctionName="f", Payload=self._string(6 * MB + 1))
        assert err.value.message == (
            "Request must be smaller than 6291456 bytes for the InvokeFunction operation"
        )
        assert err.value.status == 413

    def test_async_request_at_and_over_1mb(self, lam, client):
        """1 MB is the asynchronous limit, with AWS's Event-specific message."""
        lam.lambda_.create_function("f", handler=echo)
        assert (
            client.invoke(FunctionName="f", InvocationType="Event", Payload=self._string(MB))[
                "StatusCode"
            ]
            == 202
        )
        with pytest.raises(RequestEntityTooLargeException) as err:
            client.invoke(FunctionName="f", InvocationType="Event", Payload=self._string(MB + 1))
        assert err.value.message == (
            "1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)"
        )

    def test_response_limit(self, lam, client):
        """A response over 6291556 bytes becomes Function.ResponseSizeTooLarge."""
        lam.lambda_.create_function("f", handler=lambda e, c: "a" * (e - 2))
        fits = client.invoke(FunctionName="f", Payload=str(6 * MB + 100))
        assert "FunctionError" not in fits
        assert len(fits["Payload"].read()) == 6 * MB + 100
        over = client.invoke(FunctionName="f", Payload=str(6 * MB + 101))
        body = json.loads(over["Payload"].read())
        assert over["FunctionError"] == "Unhandled"
        assert body == {
            "errorMessage": "Response payload size (6291557 bytes) exceeded maximum allowed "
            "payload size (6291556 bytes).",
            "errorType": "Function.ResponseSizeTooLarge",
        }


class TestHandlerErrors:
    def test_unhandled_error_payload(self, lam, client):
        """A raising handler gives FunctionError Unhandled and AWS's error body."""

        def boom(event, context):
            return 1 / 0

        lam.lambda_.create_function("f", handler=boom)
        resp = client.invoke(FunctionName="f")
        body = json.loads(resp["Payload"].read())
        assert resp["FunctionError"] == "Unhandled"
        assert body["errorMessage"] == "division by zero"
        assert body["errorType"] == "ZeroDivisionError"
        assert re.fullmatch(r"[0-9a-f-]{36}", body["requestId"])
        assert body["stackTrace"][0].startswith('  File "')
        assert "in boom\n    return 1 / 0\n" in body["stackTrace"][0]

    def test_error_is_logged(self, lam):
        """The runtime logs "[ERROR] Type: message" and the traceback."""
        empty: dict[str, int] = {}
        fn = lam.lambda_.create_function("f", handler=lambda e, c: empty["k"])
        with pytest.raises(FunctionError) as err:
            fn.invoke({})
        assert err.value.error_type == "KeyError"
        assert any(line.startswith("[ERROR] KeyError: 'k'") for line in fn.logs())

    def test_unmarshallable_response(self, lam, client):
        """A response that is not JSON-serialisable is Runtime.MarshalError."""
        lam.lambda_.create_function("f", handler=lambda e, c: object())
        body = json.loads(client.invoke(FunctionName="f")["Payload"].read())
        assert body["errorType"] == "Runtime.MarshalError"
        assert body["errorMessage"].startswith("Unable to marshal response: Object of type object")

    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_import_errors(self, lam, client, isolation):
        """Missing modules and handlers get the runtime's error types, in both modes."""
        code = make_zip({"app.py": "VALUE = 1\n"})
        lam.engine("lambda").isolation = isolation
        for name, handler, error_type, message in [
            ("nomod", "missing.handler", "Runtime.ImportModuleError",
             "Unable to import module 'missing': No module named 'missing'"),
            ("nofn", "app.handler", "Runtime.HandlerNotFound",
             "Handler 'handler' missing on module 'app'"),
        ]:  # fmt: skip
            client.create_function(
                FunctionName=name, Runtime="python3.12", Role=ROLE, Handler=handler,
                Code={"ZipFile": code},
            )  # fmt: skip
            resp = client.invoke(FunctionName=name)
            body = json.loads(resp["Payload"].read())
            assert resp["FunctionError"] == "Unhandled"
            assert (body["errorType"], body["errorMessage"]) == (error_type, message)


class TestLogTail:
    def test_tail_is_base64_of_the_last_4kb(self, lam, client):
        """LogType=Tail returns the last 4 KB of the log, base64-encoded."""

        def noisy(event, context):
            for i in range(500):
                print(f"line {i}")
            return "done"

        lam.lambda_.create_function("f", handler=noisy)
        resp = client.invoke(FunctionName="f", LogType="Tail")
        log = base64.b64decode(resp["LogResult"])
        assert len(log) == 4096
        text = log.decode()
        assert "line 499\n" in text
        assert "line 0\n" not in text
        assert re.search(r"END RequestId: \S+\nREPORT RequestId: \S+\tDuration: ", text)

    def test_no_tail_by_default(self, lam, client):
        """Without LogType, no LogResult."""
        lam.lambda_.create_function("f", handler=echo)
        assert "LogResult" not in client.invoke(FunctionName="f")


class TestContext:
    def test_fields_match_powertools(self, lam, client):
        """The context has every field of powertools' LambdaContext, with AWS's values."""
        captured: dict = {}

        def handler(event, context):
            captured["ctx"] = context
            captured["first"] = context.get_remaining_time_in_millis()
            time.sleep(0.02)  # real time passes in the handler
            captured["second"] = context.get_remaining_time_in_millis()
            return None

        lam.lambda_.create_function("ctx", handler=handler, memory_mb=256, timeout=3)
        cc = {"client": {"installation_id": "i-1", "app_title": "App"}, "custom": {"k": "v"},
              "env": {"locale": "en"}}  # fmt: skip
        client.invoke(
            FunctionName="ctx", ClientContext=base64.b64encode(json.dumps(cc).encode()).decode()
        )
        ctx = captured["ctx"]
        public = [name for name in dir(PowertoolsContext) if not name.startswith("_")]
        for name in public:
            assert hasattr(ctx, name), name
        assert isinstance(ctx, LambdaContext)
        assert ctx.function_name == "ctx"
        assert ctx.function_version == "$LATEST"
        assert ctx.invoked_function_arn == "arn:aws:lambda:us-east-1:123456789012:function:ctx"
        assert ctx.memory_limit_in_mb == "256"
        assert ctx.log_group_name == "/aws/lambda/ctx"
        assert re.fullmatch(r"\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}", ctx.log_stream_name)
        assert re.fullmatch(r"[0-9a-f-]{36}", ctx.aws_request_id)
        assert ctx.identity.cognito_identity_id is None
        got = ctx.client_context
        assert got is not None and got.client is not None
        assert got.client.installation_id == "i-1"
        assert got.client.app_title == "App"
        assert got.custom == {"k": "v"}
        assert got.env == {"locale": "en"}
        assert 2000 < captured["first"] <= 3000
        assert captured["second"] <= captured["first"] - 15

    def test_invalid_client_context(self, lam, client):
        """ClientContext must be base64-encoded JSON."""
        lam.lambda_.create_function("f", handler=echo)
        with pytest.raises(InvalidRequestContentException):
            client.invoke(FunctionName="f", ClientContext="%%%")

    def test_qualified_arn_in_context(self, lam, client):
        """Invoking an alias shows the alias ARN and the version it resolved to."""
        fn = lam.lambda_.create_function(
            "f", handler=lambda e, c: [c.invoked_function_arn, c.function_version]
        )
        fn.publish_version()
        client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        resp = client.invoke(FunctionName="f", Qualifier="live")
        assert resp["ExecutedVersion"] == "1"
        assert json.loads(resp["Payload"].read()) == [
            "arn:aws:lambda:us-east-1:123456789012:function:f:live",
            "1",
        ]


def read_env(event, context):
    return {key: os.environ.get(key) for key in event} | {"getenv": os.getenv(event[0])}


class TestEnvironment:
    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_handler_sees_its_variables_only(self, lam, isolation):
        """The handler sees its variables and Lambda's; the host's os.environ is untouched."""
        host_before = dict(os.environ)
        fn = lam.lambda_.create_function(
            "f", handler=read_env, environment={"STAGE": "test"}, isolation=isolation
        )
        seen = fn.invoke(["STAGE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "HOME", "TZ"])
        assert seen == {
            "STAGE": "test",
            "AWS_LAMBDA_FUNCTION_NAME": "f",
            "AWS_REGION": "us-east-1",
            "HOME": None,
            "TZ": ":UTC",
            "getenv": "test",
        }
        assert "STAGE" not in os.environ
        assert dict(os.environ) == host_before

    def test_two_functions_are_isolated(self, lam):
        """Each function sees its own value of the same variable, and its writes stay its own."""

        def write(event, context):
            os.environ["SEEN"] = os.environ["NAME"]
            return os.environ["SEEN"]

        a = lam.lambda_.create_function("a", handler=write, environment={"NAME": "a"})
        b = lam.lambda_.create_function("b", handler=write, environment={"NAME": "b"})
        assert (a.invoke(), b.invoke()) == ("a", "b")
        assert "SEEN" not in os.environ


class TestLogs:
    def test_platform_lines_and_output(self, lam):
        """START, output, END and REPORT, with Init Duration on the cold start only."""

        def handler(event, context):
            print("printed")
            logging.getLogger().warning("logged %s", 1)
            return 1

        fn = lam.lambda_.create_function("f", handler=handler, memory_mb=256)
        fn.invoke()
        fn.invoke()
        lines = fn.logs()
        assert re.fullmatch(r"START RequestId: [0-9a-f-]{36} Version: \$LATEST", lines[0])
        assert lines[1] == "printed"
        assert re.fullmatch(
            r"\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[0-9a-f-]{36}\tlogged 1",
            lines[2],
        )
        assert lines[3].startswith("END RequestId: ")
        report = lines[4].split("\t")
        assert report[0].startswith("REPORT RequestId: ")
        assert re.fullmatch(r"Duration: \d+\.\d\d ms", report[1])
        assert re.fullmatch(r"Billed Duration: \d+ ms", report[2])
        assert report[3] == "Memory Size: 256 MB"
        assert re.fullmatch(r"Max Memory Used: \d+ MB", report[4])
        assert re.fullmatch(r"Init Duration: \d+\.\d\d ms", report[5])
        assert report[6] == ""  # a trailing tab, as in CloudWatch
        assert "Init Duration" not in lines[-1]
        assert len(lam.engine("lambda").log_groups["/aws/lambda/f"].streams) == 1

    def test_stream_per_environment(self, lam):
        """A new environment (after an update) writes to a new log stream."""
        fn = lam.lambda_.create_function("f", handler=echo)
        fn.invoke(1)
        fn.update(memory_mb=512)
        fn.invoke(2)
        assert len(lam.engine("lambda").log_groups["/aws/lambda/f"].streams) == 2


COUNTER = """
import os, tempfile
COUNT = 0
def handler(event, context):
    global COUNT
    COUNT += 1
    return {"count": COUNT, "tmp": tempfile.gettempdir() if event else os.environ["TMPDIR"]}
"""


class TestEnvironments:
    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_warm_reuse_then_reaped_when_idle(self, lam, client, isolation):
        """Module state persists while warm; after the idle time on the clock, a cold start."""
        lam.engine("lambda").isolation = isolation
        client.create_function(
            FunctionName="c", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": make_zip({"app.py": COUNTER})},
        )  # fmt: skip
        fn = lam.lambda_.function("c")
        assert [fn.invoke(0)["count"] for _ in range(3)] == [1, 2, 3]
        lam.advance(lam.limits.lambda_.idle_environment_seconds - 1)
        assert fn.invoke(0)["count"] == 4
        lam.advance(lam.limits.lambda_.idle_environment_seconds)
        assert fn.invoke(0)["count"] == 1
        assert fn.log_events()[-1].message.count("Init Duration") == 1

    def test_idle_environment_reaped_in_the_background(self, lam):
        """The clock alone stops an idle environment (no call needed); then a cold start."""
        fn = lam.lambda_.create_function("r", handler=lambda e, c: 1)
        pools = lam.engine("lambda").functions["r"].pools
        idle = lam.limits.lambda_.idle_environment_seconds
        assert fn.invoke_raw().cold_start
        (env,) = pools["$LATEST"]
        lam.advance(idle - 1)
        assert env.alive and pools["$LATEST"] == [env]
        lam.advance(1)
        assert not env.alive and pools["$LATEST"] == []
        assert not os.path.exists(env.tmp_dir)
        assert fn.invoke_raw().cold_start

    def test_reuse_postpones_the_reaping(self, lam):
        """An environment is reaped an idle lifetime after its last use, not its first."""
        fn = lam.lambda_.create_function("r", handler=lambda e, c: 1)
        idle = lam.limits.lambda_.idle_environment_seconds
        fn.invoke()
        pools = lam.engine("lambda").functions["r"].pools
        (env,) = pools["$LATEST"]
        lam.advance(idle / 2)
        assert not fn.invoke_raw().cold_start
        lam.advance(idle - 1)  # past the first use's lifetime, not the second's
        assert env.alive and pools["$LATEST"] == [env]
        lam.advance(1)
        assert not env.alive

    def test_reaping_is_upkeep(self, lam):
        """run_until_idle() leaves warm environments warm (reaping is upkeep, not work);
        advance() past the idle time reaps each one."""
        fns = [lam.lambda_.create_function(f"f{i}", handler=lambda e, c: 1) for i in range(3)]
        for fn in fns:
            fn.invoke()
        lam.advance(5)
        fns[0].invoke()
        start = lam.clock.time()
        state = lam.engine("lambda").functions
        envs = [env for fn in fns for env in state[fn.name].pools["$LATEST"]]
        assert len(envs) == 3
        assert lam.run_until_idle() == 0
        assert all(env.alive for env in envs) and lam.clock.time() == start
        idle = lam.limits.lambda_.idle_environment_seconds
        lam.advance(idle - 5)  # the first two were last used 5 s earlier
        assert [env.alive for env in envs] == [True, False, False]
        lam.advance(5)
        assert not any(env.alive for env in envs)
        assert lam.scheduler.pending() == []

    def test_deleted_function_leaves_no_reap_task(self, lam):
        """Retired environments cancel their reap task, so run_until_idle() moves no clock."""
        fn = lam.lambda_.create_function("d", handler=lambda e, c: 1)
        fn.invoke()
        assert len(lam.scheduler.pending()) == 1
        lam.engine("lambda").delete_function("d")
        start = lam.clock.time()
        assert lam.run_until_idle() == 0
        assert lam.clock.time() == start

    def test_tmp_is_private_per_environment(self, lam):
        """Each environment has its own TMPDIR."""
        from threading import Barrier, Thread

        barrier = Barrier(2)

        def handler(event, context):
            barrier.wait(timeout=5)
            return os.environ["TMPDIR"]

        fn = lam.lambda_.create_function("t", handler=handler)
        results: list = []
        threads = [Thread(target=lambda: results.append(fn.invoke())) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(set(results)) == 2

    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_tmp_size_limit(self, isolation):
        """Filling /tmp past EphemeralStorage fails the invocation with ENOSPC."""
        cloud = Cloud(clock=ManualClock(), limits={"lambda": {"min_ephemeral_storage_mb": 1}})

        def fill(event, context):
            with open(os.path.join(os.environ["TMPDIR"], "blob"), "wb") as f:
                f.write(b"x" * event)
            return "written"

        fn = cloud.lambda_.create_function(
            "fill", handler=fill, ephemeral_storage_mb=1, isolation=isolation
        )
        assert fn.invoke(MB // 2) == "written"
        with pytest.raises(FunctionError) as err:
            fn.invoke(2 * MB)
        assert err.value.error_type in ("OSError", "FileTooLarge")
        assert "[Errno" in err.value.error_message
        cloud.lambda_.close()


class TestNesting:
    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_handler_invokes_another_function(self, lam, isolation):
        """No lock is held while a handler runs: it can invoke another function."""
        inner = lam.lambda_.create_function(
            "inner", handler=lambda e, c: [e, os.environ.get("WHO")], environment={"WHO": "in"}
        )

        def outer(event, context):
            return {"inner": inner.invoke(event), "me": os.environ.get("WHO")}

        lam.lambda_.create_function(
            "outer", handler=outer, environment={"WHO": "out"}, isolation=isolation
        )
        result = lam.lambda_.function("outer").invoke(7)
        if isolation == "inline":
            assert result == {"inner": [7, "in"], "me": "out"}
        else:  # the child runs on its forked copy of the Cloud (see docs/lambda.md)
            assert result["me"] == "out"
            assert result["inner"] == [7, "in"]
