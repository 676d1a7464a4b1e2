"""The Cloud: composition root, client lookup, limits."""

from __future__ import annotations

import pytest

from pyserverless import Cloud, ManualClock, SystemClock
from pyserverless.dynamo import DynamoDBLimits


class TestConstruction:
    def test_defaults(self) -> None:
        cloud = Cloud()
        assert (cloud.account_id, cloud.region, cloud.seed) == ("123456789012", "us-east-1", 0)
        assert isinstance(cloud.clock, SystemClock)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"account_id": "12345"}, "12 digits"),
            ({"region": "mars"}, "us-east-1"),
            ({"clock": "now"}, "clock must be"),
        ],
    )
    def test_bad_arguments_say_what_to_do(self, kwargs: dict[str, object], message: str) -> None:
        with pytest.raises((ValueError, TypeError), match=message):
            Cloud(**kwargs)  # type: ignore[arg-type]

    def test_cheap(self) -> None:
        """Building a Cloud loads no service: hypothesis can build one per example."""
        cloud = Cloud(clock=ManualClock())
        assert cloud._engines == {}


class TestClients:
    def test_unknown_service_lists_supported(self) -> None:
        with pytest.raises(ValueError, match=r"Unknown service 'kinesis'.*dynamodb"):
            Cloud().client("kinesis")

    def test_region_name(self) -> None:
        cloud = Cloud(region="eu-west-1")
        assert cloud.client("dynamodb").meta.region_name == "eu-west-1"
        assert cloud.client("dynamodb", region_name="ap-south-1").meta.region_name == "ap-south-1"
        with pytest.raises(ValueError, match="region_name"):
            cloud.client("dynamodb", region_name="nowhere")

    def test_operations_are_registered_by_aws_name(self) -> None:
        client = Cloud().client("dynamodb")
        assert client.operations  # every registered operation has an AWS name
        for op, method in client.operations.items():
            assert op[0].isupper()
            assert callable(getattr(client, method))

    def test_positional_arguments_refused(self) -> None:
        """As in boto3, operations take keyword arguments only."""
        client = Cloud().client("dynamodb")
        method = next(iter(client.operations.values()))
        with pytest.raises(TypeError):
            getattr(client, method)({"TableName": "t"})


class TestLimits:
    def test_defaults_are_aws(self) -> None:
        assert Cloud().limits.dynamodb.max_item_size == 400 * 1024

    def test_override_fields(self) -> None:
        cloud = Cloud(limits={"dynamodb": {"max_item_size": 1000}})
        assert cloud.limits.dynamodb.max_item_size == 1000
        assert cloud.limits.dynamodb.max_transact_items == 100

    def test_override_whole(self) -> None:
        limits = DynamoDBLimits(max_batch_write_requests=5)
        assert Cloud(limits={"dynamodb": limits}).limits.dynamodb is limits

    def test_misspelt_fields_fail_fast(self) -> None:
        with pytest.raises(ValueError, match="no field"):
            Cloud(limits={"dynamodb": {"max_item_sise": 1}})
        with pytest.raises(ValueError, match="no limits for service"):
            Cloud(limits={"dynamo": {}})


class TestTime:
    def test_advance_runs_due_work(self) -> None:
        cloud = Cloud(clock=ManualClock(0))
        ran: list[float] = []
        cloud.scheduler.call_later(30, lambda: ran.append(cloud.now().timestamp()))
        assert cloud.advance(60) == 1
        assert ran == [30.0]
        assert cloud.now().timestamp() == 60.0


def test_plugin_fixtures(cloud: Cloud, clock: ManualClock) -> None:
    """The pytest plugin gives a Cloud on the ManualClock fixture."""
    assert cloud.clock is clock
    clock.advance(5)
    assert cloud.now().timestamp() == clock.time()


class TestBotocoreHelpers:
    def test_waiters_run_against_the_client_layer(self) -> None:
        """botocore's table_exists/table_not_exists waiters succeed at once."""
        client = Cloud(clock=ManualClock()).client("dynamodb")
        client.create_table(
            TableName="waited",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        client.get_waiter("table_exists").wait(TableName="waited", WaiterConfig={"Delay": 0})
        client.delete_table(TableName="waited")
        client.get_waiter("table_not_exists").wait(TableName="waited", WaiterConfig={"Delay": 0})
        assert client.list_tables()["TableNames"] == []
        with pytest.raises(ValueError, match="Waiter does not exist"):
            client.get_waiter("no_such_waiter")

    def test_paginators_run_against_the_client_layer(self) -> None:
        """botocore's ListTables paginator walks every page."""
        client = Cloud(clock=ManualClock()).client("dynamodb")
        for i in range(5):
            client.create_table(
                TableName=f"tab{i}",
                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        assert client.can_paginate("list_tables")
        pages = list(client.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2}))
        assert len(pages) == 3
        assert [n for p in pages for n in p["TableNames"]] == [f"tab{i}" for i in range(5)]


class TestServiceAttributes:
    def test_services_are_visible_to_dir_and_help(self) -> None:
        """dir(cloud) and help(cloud) show every service's resource layer."""
        import pydoc

        cloud = Cloud.manual()
        assert {"dynamo", "lambda_", "cognito", "engine", "client"} <= set(dir(cloud))
        text = pydoc.render_doc(cloud, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
        for name in ("dynamo", "lambda_", "cognito"):
            assert f"{name}\n" in text

    def test_attributes_are_typed_properties(self) -> None:
        """Each service attribute is a property with a return annotation, not __getattr__."""
        for name in ("dynamo", "lambda_", "cognito"):
            prop = vars(Cloud)[name]
            assert isinstance(prop, property)
            assert "return" in prop.fget.__annotations__
            assert prop.__doc__
        assert "__getattr__" not in vars(Cloud)

    def test_dynamo_is_the_resource_layer_and_engines_are_apart(self) -> None:
        """cloud.dynamo is boto3's resource shape; the engine is behind cloud.engine()."""
        cloud = Cloud.manual()
        assert type(cloud.dynamo).__name__ == "DynamoDBResource"
        assert cloud.dynamo is cloud.dynamo
        engine = cloud.engine("dynamodb")
        assert engine is cloud.engine("dynamodb", "us-east-1")
        assert engine is not cloud.dynamo
        assert cloud.engine("dynamodb", "eu-west-1") is not engine

    def test_unknown_attribute_still_fails(self) -> None:
        """A misspelt service is an AttributeError naming it, not a silent engine."""
        with pytest.raises(AttributeError, match="dynamodb"):
            Cloud.manual().dynamodb  # type: ignore[attr-defined]  # noqa: B018


def test_license_matches_pyproject() -> None:
    """The LICENSE file is the licence pyproject.toml declares."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    declared = tomllib.loads((root / "pyproject.toml").read_text())["project"]["license"]
    text = (root / "LICENSE").read_text()
    assert declared == "Apache-2.0"
    assert text.lstrip().startswith("Apache License\n                        Version 2.0")


class TestClose:
    def test_close_ends_lambda_environments_and_state_stays(self) -> None:
        """close() ends Lambda's worker threads; tables and functions are still there."""
        import threading

        before = {t.ident for t in threading.enumerate()}
        with Cloud.manual() as cloud:
            fn = cloud.lambda_.create_function("f", handler=lambda event, context: 7)
            assert fn.invoke({}) == 7
            assert cloud.engine("lambda").environment_count("f") == 1
        assert cloud.engine("lambda").environment_count("f") == 0
        assert [f.name for f in cloud.lambda_.functions()] == ["f"]
        for thread in threading.enumerate():
            if thread.ident not in before:
                thread.join(timeout=10)
        assert {t.ident for t in threading.enumerate()} <= before
        assert fn.invoke({}) == 7  # a later call starts cold
        cloud.close()

    def test_regions_with_lists_built_engines_only(self) -> None:
        """regions_with() names the Regions whose engine exists, and builds none."""
        cloud = Cloud.manual()
        assert cloud.regions_with("cognito-idp") == []
        cloud.client("cognito-idp", "eu-west-2").list_user_pools(MaxResults=1)
        cloud.client("cognito-idp").list_user_pools(MaxResults=1)
        assert cloud.regions_with("cognito-idp") == ["eu-west-2", "us-east-1"]
        assert cloud.regions_with("dynamodb") == []
        with pytest.raises(ValueError, match="Unknown service"):
            cloud.regions_with("s4")


def test_client_docstring_names_every_service() -> None:
    """help(cloud.client) names every service that has a client, so a REPL finds them."""
    from pyserverless._core.services import SERVICES

    doc = Cloud.client.__doc__ or ""
    missing = [s.name for s in SERVICES if s.client is not None and f"``{s.name}``" not in doc]
    assert not missing
