"""cloud.snapshot() and cloud.restore(snap) for Lambda and Cognito, and every engine's
whole state walked field by field (nothing left uncopied)."""

from __future__ import annotations

import functools
import threading
from typing import Any

import attrs
import pytest
from sortedcontainers import SortedDict, SortedList

from pyserverless import Cloud, CloudSnapshot

from .test_snapshot import (
    ORDERS,
    START,
    _cloud,
    _echo,
    _invoke_config,
    _item,
    _orders,
    _package,
)

# -- a canonical form of engine state, for "everything is covered" -----------------------
_LIVE = (type(threading.Lock()), type(threading.RLock()))
#: Live-only objects, and the Cloud's own parts (shared, not engine state).
_OPAQUE = frozenset(
    {"InlineEnvironment", "ProcessEnvironment", "Cloud", "ManualClock", "Scheduler", "Ids"}
)


def _canon(x: Any, seen: dict[int, int], depth: int = 0) -> Any:
    """A comparable picture of ``x``: types and values, locks and environments elided."""
    if x is None or isinstance(x, (bool, int, float, str, bytes)):
        return x
    if isinstance(x, _LIVE) or type(x).__name__ in _OPAQUE:
        return type(x).__name__
    if callable(x) and not hasattr(x, "__dict__") and not hasattr(x, "__slots__"):
        return getattr(x, "__qualname__", repr(type(x)))
    if id(x) in seen:
        return ("seen", seen[id(x)])
    seen[id(x)] = len(seen)
    if depth > 40:
        return "deep"
    if isinstance(x, (dict, SortedDict)):
        return ("dict", _canon_fields(x, seen, depth))
    if isinstance(x, (list, tuple, SortedList, set, frozenset)) or type(x).__name__ == "deque":
        items = [_canon(v, seen, depth + 1) for v in x]
        return ("seq", sorted(map(repr, items)) if isinstance(x, (set, frozenset)) else items)
    if isinstance(x, functools.partial):
        return ("partial", _canon(x.func, seen, depth + 1), _canon(x.args, seen, depth + 1))
    if hasattr(x, "__func__") and hasattr(x, "__self__"):
        return ("method", x.__func__.__qualname__)
    if type(x).__module__.startswith(("cryptography", "random")):
        return type(x).__name__
    if attrs.has(type(x)):
        fields = {f.name: getattr(x, f.name) for f in attrs.fields(type(x))}
    elif hasattr(x, "__dict__"):
        fields = dict(vars(x))
    elif hasattr(x, "__slots__"):
        fields = {n: getattr(x, n, None) for n in type(x).__slots__}
    else:
        return repr(x)
    fields.pop("watchdog", None)  # Lambda's live watchdog thread (never copied)
    fields.pop("_work_dir", None)
    return (type(x).__qualname__, _canon_fields(fields, seen, depth))


def _canon_fields(x: Any, seen: dict[int, int], depth: int) -> Any:
    pairs = [(repr(k), _canon(v, seen, depth + 1)) for k, v in x.items()]
    return sorted(pairs, key=lambda kv: kv[0])


def _closures(x: Any, found: list[str], seen: set[int]) -> None:
    """Collect package functions with a closure reachable from ``x``."""
    if id(x) in seen or x is None or isinstance(x, (bool, int, float, str, bytes)):
        return
    seen.add(id(x))
    if type(x).__name__ in _OPAQUE or isinstance(x, _LIVE):
        return
    if isinstance(x, type(_closures)):
        if x.__closure__ and x.__module__.startswith("pyserverless."):
            found.append(x.__qualname__)
        return
    if isinstance(x, dict):
        children: Any = list(x.values())
    elif isinstance(x, (list, tuple, set, frozenset)) or type(x).__name__ == "deque":
        children = list(x)
    elif isinstance(x, functools.partial):
        children = [x.func, x.args, x.keywords]
    elif hasattr(x, "__func__") and hasattr(x, "__self__"):
        children = [x.__func__, x.__self__]
    elif attrs.has(type(x)):
        children = [getattr(x, f.name) for f in attrs.fields(type(x))]
    elif hasattr(x, "__dict__"):
        children = list(vars(x).values())
    else:
        children = [getattr(x, n, None) for n in getattr(type(x), "__slots__", ())]
    for child in children:
        _closures(child, found, seen)


def _engines_canon(cloud: Cloud) -> dict[Any, Any]:
    live = ("watchdog", "_work_dir")  # Lambda's live watchdog thread and code folder
    return {
        key: _canon_fields({k: v for k, v in vars(engine).items() if k not in live}, {}, 0)
        for key, engine in sorted(cloud._engines.items())
    }


class TestLambda:
    def _setup(self, cloud: Cloud) -> Any:
        lam = cloud.lambda_
        layer = lam.publish_layer_version("shared", _package("python/shared.py", "X = 'hi'\n"))
        fn = lam.create_function(
            "app",
            handler="app.handler",
            code=_package("app.py", "import shared\ndef handler(e, c):\n    return shared.X\n"),
            layers=[layer.arn],
        )
        fn.publish_version("one")
        fn.create_alias("live", "1")
        cloud.client("lambda").put_function_event_invoke_config(
            FunctionName="app", MaximumRetryAttempts=1
        )
        lam.create_function("echo", handler=_echo)
        return fn

    def _view(self, cloud: Cloud) -> Any:
        client = cloud.client("lambda")
        functions = client.list_functions(FunctionVersion="ALL")["Functions"]
        return (
            functions,
            {
                f["FunctionName"]: (
                    client.list_aliases(FunctionName=f["FunctionName"])["Aliases"],
                    _invoke_config(client, f["FunctionName"]),
                    client.get_function(FunctionName=f["FunctionName"]).get("Tags"),
                )
                for f in functions
                if f["Version"] == "$LATEST"
            },
            client.list_layers()["Layers"],
        )

    def test_round_trip(self) -> None:
        """Functions, versions, aliases, event invoke configs and layers come back."""
        with _cloud() as cloud:
            fn = self._setup(cloud)
            before = self._view(cloud)
            assert fn.invoke() == "hi"
            snap = cloud.snapshot()
            fn.delete_alias("live")
            fn.publish_version("two")
            cloud.lambda_.function("echo").delete()
            cloud.lambda_.create_function("new", handler=_echo)
            cloud.lambda_.publish_layer_version("other", _package("python/o.py", ""))
            assert self._view(cloud) != before
            cloud.restore(snap)
            assert self._view(cloud) == before
            assert fn.invoke() == "hi"  # the Function held before still works
            assert cloud.lambda_.function("echo").invoke({"a": 1}) == {"a": 1}

    def test_next_invoke_after_restore_is_cold(self) -> None:
        """Execution environments are not part of a snapshot: taking one and restoring
        one both end them, and their reaper tasks."""
        with _cloud() as cloud:
            fn = cloud.lambda_.create_function("echo", handler=_echo)
            fn.invoke({})
            assert fn.environments() == 1
            assert len(cloud.scheduler) == 1  # the idle environment's reaper
            snap = cloud.snapshot()
            assert (fn.environments(), len(cloud.scheduler), snap.tasks) == (0, 0, 0)
            fn.invoke({})
            assert fn.environments() == 1
            cloud.restore(snap)
            assert fn.environments() == 0
            fn.invoke({})
            assert fn.environments() == 1
            assert "Init Duration" in fn.logs()[-1]

    def test_snapshot_taken_by_a_running_handler(self) -> None:
        """A call running when the snapshot is taken is not in flight in the restored
        state: a function with a reserved concurrency of 1 can be invoked after it."""
        with _cloud() as cloud:
            snaps: list[CloudSnapshot] = []

            def handler(event: Any, context: Any) -> Any:
                snaps.append(cloud.snapshot())
                return "ok"

            fn = cloud.lambda_.create_function("snapper", handler=handler)
            fn.set_concurrency(1)
            assert fn.invoke({}) == "ok"
            cloud.restore(snaps[0])
            cloud.engine("lambda").executor.check()
            assert fn.invoke({}) == "ok"
            cloud.engine("lambda").executor.check()

    def test_process_mode_workers_end(self) -> None:
        """Restore ends worker processes too; the next call starts a new one."""
        with _cloud() as cloud:
            fn = cloud.lambda_.create_function("echo", handler=_echo, isolation="process")
            assert fn.invoke({"p": 1}) == {"p": 1}
            assert fn.environments() == 1
            snap = cloud.snapshot()
            cloud.restore(snap)
            assert fn.environments() == 0
            assert fn.invoke({"p": 2}) == {"p": 2}
            cloud.engine("lambda").executor.check()

    def test_async_retry_survives(self) -> None:
        """A queued async retry is a scheduled task: restored, it runs again the same way."""
        with _cloud() as cloud:
            calls: list[Any] = []

            def failing(event: Any, context: Any) -> Any:
                calls.append(event)
                raise RuntimeError("boom")

            fn = cloud.lambda_.create_function("fails", handler=failing)
            fn.invoke_async({"n": 1})
            cloud.advance(0)
            assert len(calls) == 1
            snap = cloud.snapshot()
            assert snap.tasks >= 1
            cloud.run_until_idle()
            history = list(cloud.engine("lambda").queue.history)
            assert len(calls) == 3  # two retries by default
            cloud.restore(snap)
            assert list(cloud.engine("lambda").queue.history) == history[:0] or (
                len(cloud.engine("lambda").queue.history) < len(history)
            )
            cloud.run_until_idle()
            assert len(calls) == 5
            assert list(cloud.engine("lambda").queue.history) == history


class TestCognito:
    def test_round_trip_with_tokens(self) -> None:
        """Pools, clients, users, groups and refresh tokens come back; a sign-out after
        the snapshot is undone."""
        cloud = _cloud()
        idp = cloud.client("cognito-idp")
        pool = cloud.cognito.create_user_pool("users")
        app = pool.create_client(
            "web", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
        )
        pool.create_user("ada", password="Passw0rd!x", email="ada@example.com")
        pool.create_group("admins")
        pool.group("admins").add("ada")
        tokens = idp.admin_initiate_auth(
            UserPoolId=pool.id,
            ClientId=app.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ada", "PASSWORD": "Passw0rd!x"},
        )["AuthenticationResult"]

        def view() -> Any:
            return (
                pool.describe(),
                [u.describe() for u in pool.users()],
                [g.describe() for g in pool.groups()],
                [c.describe() for c in pool.clients()],
                pool.jwks(),
            )

        before = view()
        snap = cloud.snapshot()
        idp.admin_user_global_sign_out(UserPoolId=pool.id, Username="ada")
        pool.create_user("bob", password="Passw0rd!x")
        pool.user("ada").delete()

        def refresh() -> Any:
            return idp.admin_initiate_auth(
                UserPoolId=pool.id,
                ClientId=app.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
            )

        with pytest.raises(idp.exceptions.NotAuthorizedException):
            refresh()
        cloud.restore(snap)
        assert view() == before
        assert refresh()["AuthenticationResult"]["AccessToken"]
        claims = pool.verify(tokens["IdToken"], client_id=app.client_id)
        assert claims["cognito:username"] == "ada"

    def test_pool_deleted_after_snapshot_comes_back(self) -> None:
        cloud = _cloud()
        pool = cloud.cognito.create_user_pool("users")
        snap = cloud.snapshot()
        pool.delete()
        assert cloud.cognito.user_pools() == []
        cloud.restore(snap)
        assert [p.id for p in cloud.cognito.user_pools()] == [pool.id]


def _page(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": event.get("rawPath") or event.get("path")}


class TestGateway:
    def test_round_trip(self) -> None:
        """HTTP and REST APIs, routes, deployments, access logs and metrics come back;
        the API objects held before the restore still answer."""
        with _cloud() as cloud:
            api = cloud.gateway.http_api("shop")
            api.route("GET /items/{id}", _page)
            rest = cloud.gateway.rest_api("legacy")
            rest.route("GET /old", _page)
            rest.deploy("prod")
            assert api.request("GET", "/items/1").status == 200

            def view() -> Any:
                v2 = cloud.client("apigatewayv2")
                v1 = cloud.client("apigateway")
                return (
                    [a["Name"] for a in v2.get_apis()["Items"]],
                    [r["RouteKey"] for r in v2.get_routes(ApiId=api.id)["Items"]],
                    [s["stageName"] for s in v1.get_stages(restApiId=rest.id)["item"]],
                    api.access_log(),
                    api.metrics(),
                )

            before = view()
            snap = cloud.snapshot()
            api.route("POST /items", _page)
            assert api.request("POST", "/items").status == 200
            rest.deploy("beta")
            cloud.gateway.http_api("other")
            cloud.restore(snap)
            assert view() == before
            assert api.request("POST", "/items").status == 404
            assert api.request("GET", "/items/2").body == b"/items/2"
            assert rest.request("GET", "/old", stage="prod").status == 200


class TestS3:
    def test_round_trip(self) -> None:
        """Buckets, objects and their versions come back (the bodies are shared bytes)."""
        cloud = _cloud()
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="photos")
        s3.put_bucket_versioning(Bucket="photos", VersioningConfiguration={"Status": "Enabled"})
        s3.put_object(Bucket="photos", Key="a.txt", Body=b"one")
        s3.put_object(Bucket="photos", Key="a.txt", Body=b"two")

        def view() -> Any:
            versions = s3.list_object_versions(Bucket="photos")
            return (
                [b["Name"] for b in s3.list_buckets()["Buckets"]],
                [(v["Key"], v["VersionId"]) for v in versions.get("Versions", [])],
                [(m["Key"], m["VersionId"]) for m in versions.get("DeleteMarkers", [])],
            )

        before = view()
        snap = cloud.snapshot()
        s3.delete_object(Bucket="photos", Key="a.txt")
        s3.put_object(Bucket="photos", Key="b.txt", Body=b"new")
        s3.create_bucket(Bucket="other-bucket")
        assert view() != before
        cloud.restore(snap)
        assert view() == before
        assert s3.get_object(Bucket="photos", Key="a.txt")["Body"].read() == b"two"


class TestEverythingCovered:
    def _populate(self, cloud: Cloud) -> None:
        client = _orders(cloud, 6)
        client.update_time_to_live(
            TableName="orders",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"},
        )
        client.update_table(
            TableName="orders",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )
        client.update_continuous_backups(
            TableName="orders",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
        client.put_item(TableName="orders", Item={**_item(7), "expires": {"N": str(START + 9)}})
        client.create_backup(TableName="orders", BackupName="nightly")
        cloud.client("dynamodb", "eu-west-1").create_table(**{**ORDERS, "TableName": "eu-orders"})
        fn = cloud.lambda_.create_function("echo", handler=_echo)
        fn.invoke({"a": 1})
        fn.publish_version()
        fn.create_alias("live", "1")
        fn.invoke_async({"b": 2})
        pool = cloud.cognito.create_user_pool("users")
        pool.create_client("web")
        pool.create_user("ada", password="Passw0rd!x", email="ada@example.com")
        cloud.client("sts").get_caller_identity()
        cloud.client("dynamodbstreams").list_streams()
        api = cloud.gateway.http_api("shop")
        api.route("GET /items/{id}", _page)
        api.request("GET", "/items/1")
        rest = cloud.gateway.rest_api("legacy")
        rest.route("GET /old", _page)
        rest.deploy("prod")
        cloud.client("s3").create_bucket(Bucket="photos")
        cloud.client("s3").put_object(Bucket="photos", Key="a", Body=b"1")
        stream = client.describe_table(TableName="orders")["Table"]["LatestStreamArn"]
        cloud.client("lambda").create_event_source_mapping(
            EventSourceArn=stream, FunctionName="echo", StartingPosition="TRIM_HORIZON"
        )
        client.put_item(TableName="orders", Item=_item(8))
        events = cloud.client("events")
        events.put_rule(Name="tick", ScheduleExpression="rate(1 minute)")
        events.put_targets(Rule="tick", Targets=[{"Id": "1", "Arn": fn.arn}])
        cloud.client("scheduler").create_schedule(
            Name="every-5",
            ScheduleExpression="rate(5 minutes)",
            FlexibleTimeWindow={"Mode": "OFF"},
            Target={"Arn": fn.arn, "RoleArn": "arn:aws:iam::123456789012:role/run"},
        )
        cloud.advance(1)  # the mapping polls, the rule and the schedule are armed
        cloud.faults.fail("dynamodb", "GetItem", times=2, error="ThrottlingException")

    def _mutate(self, cloud: Cloud) -> None:
        client = cloud.client("dynamodb")
        client.delete_table(TableName="orders")
        cloud.client("dynamodb", "eu-west-1").put_item(TableName="eu-orders", Item=_item(1))
        cloud.client("dynamodb", "ap-south-1").list_tables()
        cloud.lambda_.function("echo").delete()
        cloud.lambda_.create_function("other", handler=_echo).invoke({})
        pool = cloud.cognito.user_pools()[0]
        pool.user("ada").delete()
        pool.create_group("g")
        api = cloud.gateway.http_api("more")
        api.route("GET /x", _page)
        api.request("GET", "/x")
        cloud.client("s3").put_object(Bucket="photos", Key="b", Body=b"2")
        cloud.client("events").remove_targets(Rule="tick", Ids=["1"])
        cloud.client("events").delete_rule(Name="tick")
        cloud.client("scheduler").delete_schedule(Name="every-5")
        cloud.faults.clear()
        cloud.advance(86400)

    def test_every_engine_state_round_trips(self) -> None:
        """Each engine's whole state, walked field by field, is the same after a
        restore as when the snapshot was taken (so no state is left uncopied)."""
        with _cloud() as cloud:
            self._populate(cloud)
            _end = cloud.engine("lambda")
            for fn in list(_end.functions.values()):  # environments are not state
                for version in list(fn.pools):
                    _end.executor.retire(fn, version)
            before = _engines_canon(cloud)
            tasks = [(t.when, t.name) for t in cloud.scheduler.pending()]
            snap = cloud.snapshot()
            self._mutate(cloud)
            assert _engines_canon(cloud) != before
            cloud.restore(snap)
            after = _engines_canon(cloud)
            del after[("dynamodb", "ap-south-1")]  # built since: back to a new engine
            assert after == before
            assert [(t.when, t.name) for t in cloud.scheduler.pending()] == tasks
            assert cloud.client("dynamodb", "ap-south-1").list_tables()["TableNames"] == []

    def test_no_engine_holds_a_closure_of_its_own(self) -> None:
        """Callables in engine state and engine tasks are bound methods or partials
        (copied with their objects), never closures of package code, which a snapshot
        would share with the state it replaced."""
        with _cloud() as cloud:
            self._populate(cloud)
            found: list[str] = []
            roots = [vars(e) for e in cloud._engines.values()]
            roots += [(t.callback, t.args) for t in cloud.scheduler.pending()]
            _closures(roots, found, set())
            assert found == []

    def test_results_repeat_after_restore(self) -> None:
        """The same calls after a restore give the same answers as after the snapshot,
        ids and async outcomes included."""
        with _cloud(seed=5) as cloud:
            self._populate(cloud)
            snap = cloud.snapshot()

            def run() -> Any:
                out = []
                client = cloud.client("dynamodb")
                out.append(client.create_table(**{**ORDERS, "TableName": "more"}))
                out.append(cloud.cognito.user_pools()[0].create_user("zed").describe())
                out.append(cloud.lambda_.function("echo").invoke({"sync": 1}))
                out.append(cloud.ids.uuid())  # a cold start after one and not the other differs
                out.append(cloud.lambda_.function("echo").invoke_async({"z": 1}))
                cloud.advance(0)  # the async events due now (the clock is not rewound)
                out.append(list(cloud.engine("lambda").queue.history))
                return out

            first = run()
            cloud.restore(snap)
            assert run() == first


def test_a_handler_object_is_shared_not_copied() -> None:
    """A handler that is an object with __call__ is user code: after a restore the Cloud
    still calls the very object the test holds (its recorded calls land there)."""
    from pyserverless import Cloud, ManualClock

    class Recorder:
        def __init__(self) -> None:
            self.seen: list[object] = []

        def __call__(self, event: object, context: object) -> str:
            self.seen.append(event)
            return "ok"

    handler = Recorder()
    cloud = Cloud(clock=ManualClock(0))
    fn = cloud.lambda_.create_function("rec", handler=handler)
    snap = cloud.snapshot()
    fn.invoke({"n": 1})
    cloud.restore(snap)
    fn.invoke({"n": 2})
    assert handler.seen == [{"n": 1}, {"n": 2}]
    cloud.close()
