"""RestApis and Resources through both clients: shapes, patch operations, path rules, limits."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789")


class TestRestApis:
    def test_create_describes_the_api_with_its_root(self, gw: Any, cloud: Cloud) -> None:
        api = gw.create_rest_api(name="shop", description="d", binaryMediaTypes=["image/png"])
        assert len(api["id"]) == 10 and set(api["id"]) <= ID_CHARS
        assert api["name"] == "shop" and api["description"] == "d"
        assert api["apiKeySource"] == "HEADER"
        assert api["endpointConfiguration"]["types"] == ["EDGE"]
        assert api["binaryMediaTypes"] == ["image/png"]
        assert api["disableExecuteApiEndpoint"] is False
        assert api["createdDate"] == cloud.now()
        resources = gw.get_resources(restApiId=api["id"])["items"]
        assert resources == [{"id": api["rootResourceId"], "path": "/"}]

    def test_ids_are_seeded(self) -> None:
        def ids(seed: int) -> list[str]:
            client = Cloud.manual(seed=seed).client("apigateway")
            return [client.create_rest_api(name=str(i))["id"] for i in range(3)]

        assert ids(3) == ids(3) != ids(4)

    def test_get_list_and_delete(self, gw: Any, refused: Any) -> None:
        first = gw.create_rest_api(name="a")
        second = gw.create_rest_api(name="b")
        assert gw.get_rest_api(restApiId=second["id"])["name"] == "b"
        assert [a["name"] for a in gw.get_rest_apis()["items"]] == ["a", "b"]
        page = gw.get_rest_apis(limit=1)
        assert [a["name"] for a in page["items"]] == ["a"]
        rest = gw.get_rest_apis(limit=1, position=page["position"])
        assert [a["name"] for a in rest["items"]] == ["b"] and "position" not in rest
        gw.delete_rest_api(restApiId=first["id"])
        message = refused(gw.get_rest_api, "NotFoundException", restApiId=first["id"])
        assert message == f"Invalid API identifier specified 123456789012:{first['id']}"
        refused(gw.delete_rest_api, "NotFoundException", restApiId=first["id"])

    def test_refused_settings_are_never_stored(self, gw: Any, refused: Any) -> None:
        for kwargs in (
            {"policy": "{}"},
            {"minimumCompressionSize": 10},
            {"endpointConfiguration": {"types": ["PRIVATE"]}},
            {"apiKeySource": "BODY"},
            {"binaryMediaTypes": ["png"]},
        ):
            refused(gw.create_rest_api, "BadRequestException", name="x", **kwargs)
        assert gw.get_rest_apis()["items"] == []

    def test_regional_endpoint(self, gw: Any) -> None:
        api = gw.create_rest_api(name="r", endpointConfiguration={"types": ["REGIONAL"]})
        assert api["endpointConfiguration"]["types"] == ["REGIONAL"]

    def test_edge_api_limit_both_sides(self, refused: Any) -> None:
        cloud = Cloud.manual(limits={"apigateway": {"max_edge_apis": 2, "max_regional_apis": 1}})
        client = cloud.client("apigateway")
        client.create_rest_api(name="1")
        client.create_rest_api(name="2")  # the last accepted
        refused(client.create_rest_api, "LimitExceededException", name="3")
        regional = {"types": ["REGIONAL"]}
        client.create_rest_api(name="r1", endpointConfiguration=regional)
        refused(
            client.create_rest_api,
            "LimitExceededException",
            name="r2",
            endpointConfiguration=regional,
        )
        assert len(client.get_rest_apis()["items"]) == 3


class TestUpdateRestApi:
    def test_patch_operations(self, gw: Any) -> None:
        api = gw.create_rest_api(name="a", binaryMediaTypes=["image/png"])
        updated = gw.update_rest_api(
            restApiId=api["id"],
            patchOperations=[
                {"op": "replace", "path": "/name", "value": "b"},
                {"op": "replace", "path": "/description", "value": "new"},
                {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"},
                {"op": "add", "path": "/binaryMediaTypes/application~1octet-stream"},
                {"op": "remove", "path": "/binaryMediaTypes/image~1png"},
                {"op": "replace", "path": "/endpointConfiguration/types/EDGE", "value": "REGIONAL"},
            ],
        )
        assert updated["name"] == "b" and updated["description"] == "new"
        assert updated["apiKeySource"] == "AUTHORIZER"
        assert updated["binaryMediaTypes"] == ["application/octet-stream"]
        assert updated["endpointConfiguration"]["types"] == ["REGIONAL"]
        assert gw.get_rest_api(restApiId=api["id"])["name"] == "b"

    def test_bad_path_or_value_changes_nothing(self, gw: Any, refused: Any) -> None:
        api = gw.create_rest_api(name="a")
        ops = [
            {"op": "replace", "path": "/name", "value": "changed"},
            {"op": "replace", "path": "/nope", "value": "x"},
        ]
        message = refused(
            gw.update_rest_api, "BadRequestException", restApiId=api["id"], patchOperations=ops
        )
        assert message == "Invalid patch path /nope"
        ops[1] = {"op": "replace", "path": "/apiKeySource", "value": "BODY"}
        refused(gw.update_rest_api, "BadRequestException", restApiId=api["id"], patchOperations=ops)
        ops[1] = {"op": "add", "path": "/name", "value": "x"}  # add is not an op /name takes
        refused(gw.update_rest_api, "BadRequestException", restApiId=api["id"], patchOperations=ops)
        assert gw.get_rest_api(restApiId=api["id"])["name"] == "a"

    def test_unknown_op(self, client: Any, refused: Any) -> None:
        api = client.create_rest_api(name="a")
        message = refused(
            client.update_rest_api,
            "ValidationException",
            restApiId=api["id"],
            patchOperations=[{"op": "merge", "path": "/name", "value": "x"}],
        )
        # AWS's model validation (localstack AWS-validated snapshot, updateRestApiInput)
        assert message == (
            "1 validation error detected: Value 'merge' at "
            "'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: "
            "Member must satisfy enum value set: [add, remove, move, test, replace, copy]"
        )


class TestResources:
    def test_paths_and_embedded_methods(self, gw: Any, simple_api: Any) -> None:
        ids = simple_api(gw)
        item = gw.get_resource(restApiId=ids["api"], resourceId=ids["item"])
        assert item["path"] == "/items/{id}" and item["parentId"] == ids["items"]
        assert item["resourceMethods"] == {"GET": {}}
        embedded = gw.get_resource(restApiId=ids["api"], resourceId=ids["item"], embed=["methods"])
        assert embedded["resourceMethods"]["GET"]["methodIntegration"]["type"] == "AWS_PROXY"
        paths = sorted(r["path"] for r in gw.get_resources(restApiId=ids["api"])["items"])
        assert paths == ["/", "/items", "/items/{id}"]

    def test_path_part_rules(self, gw: Any, refused: Any, simple_api: Any) -> None:
        ids = simple_api(gw)
        api, root, items = ids["api"], ids["root"], ids["items"]
        message = refused(
            gw.create_resource, "ConflictException", restApiId=api, parentId=root, pathPart="items"
        )
        assert message == "Another resource with the same parent already has this name: items"
        refused(
            gw.create_resource,
            "BadRequestException",
            restApiId=api,
            parentId=items,
            pathPart="{other}",
        )
        refused(
            gw.create_resource,
            "BadRequestException",
            restApiId=api,
            parentId=items,
            pathPart="{proxy+}",
        )
        for bad in ("a b", "{x", "x}", "{a}{b}", "a/b"):
            refused(
                gw.create_resource,
                "BadRequestException",
                restApiId=api,
                parentId=root,
                pathPart=bad,
            )
        greedy = gw.create_resource(restApiId=api, parentId=root, pathPart="{proxy+}")
        assert greedy["path"] == "/{proxy+}"
        refused(
            gw.create_resource,
            "BadRequestException",
            restApiId=api,
            parentId=greedy["id"],
            pathPart="x",
        )
        refused(
            gw.create_resource, "NotFoundException", restApiId=api, parentId="nope00", pathPart="x"
        )
        assert len(gw.get_resources(restApiId=api)["items"]) == 4

    def test_update_moves_the_subtree(self, gw: Any, refused: Any, simple_api: Any) -> None:
        ids = simple_api(gw)
        other = gw.create_resource(restApiId=ids["api"], parentId=ids["root"], pathPart="v2")
        moved = gw.update_resource(
            restApiId=ids["api"],
            resourceId=ids["items"],
            patchOperations=[
                {"op": "replace", "path": "/parentId", "value": other["id"]},
                {"op": "replace", "path": "/pathPart", "value": "things"},
            ],
        )
        assert moved["path"] == "/v2/things"
        child = gw.get_resource(restApiId=ids["api"], resourceId=ids["item"])
        assert child["path"] == "/v2/things/{id}"
        refused(
            gw.update_resource,
            "BadRequestException",
            restApiId=ids["api"],
            resourceId=other["id"],
            patchOperations=[{"op": "replace", "path": "/parentId", "value": ids["item"]}],
        )
        refused(
            gw.update_resource,
            "BadRequestException",
            restApiId=ids["api"],
            resourceId=ids["root"],
            patchOperations=[{"op": "replace", "path": "/pathPart", "value": "x"}],
        )

    def test_a_resource_with_children_cannot_turn_greedy(
        self, gw: Any, refused: Any, simple_api: Any
    ) -> None:
        ids = simple_api(gw)
        greedy = [{"op": "replace", "path": "/pathPart", "value": "{proxy+}"}]
        refused(
            gw.update_resource,
            "BadRequestException",
            restApiId=ids["api"],
            resourceId=ids["items"],
            patchOperations=greedy,
        )
        leaf = gw.update_resource(
            restApiId=ids["api"], resourceId=ids["item"], patchOperations=greedy
        )
        assert leaf["path"] == "/items/{proxy+}"

    def test_delete_takes_the_subtree_not_the_root(
        self, gw: Any, refused: Any, simple_api: Any
    ) -> None:
        ids = simple_api(gw)
        refused(
            gw.delete_resource, "BadRequestException", restApiId=ids["api"], resourceId=ids["root"]
        )
        gw.delete_resource(restApiId=ids["api"], resourceId=ids["items"])
        assert [r["path"] for r in gw.get_resources(restApiId=ids["api"])["items"]] == ["/"]
        refused(gw.get_resource, "NotFoundException", restApiId=ids["api"], resourceId=ids["item"])

    @pytest.mark.parametrize("limit", [3, 300])
    def test_resource_limit_both_sides(self, limit: int, refused: Any) -> None:
        client = Cloud.manual(limits={"apigateway": {"max_resources_per_api": limit}}).client(
            "apigateway"
        )
        api = client.create_rest_api(name="a")
        for n in range(limit - 1):  # the root counts: the last accepted makes ``limit``
            client.create_resource(
                restApiId=api["id"], parentId=api["rootResourceId"], pathPart=f"r{n}"
            )
        message = refused(
            client.create_resource,
            "LimitExceededException",
            restApiId=api["id"],
            parentId=api["rootResourceId"],
            pathPart="one-more",
        )
        assert str(limit) in message
        assert len(client.get_resources(restApiId=api["id"], limit=500)["items"]) == limit


def test_an_id_an_http_api_holds_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """REST and HTTP APIs share one id space per Region: a draw that an HTTP API holds is
    drawn again."""
    cloud = Cloud.manual()
    held = cloud.client("apigatewayv2").create_api(Name="h", ProtocolType="HTTP")["ApiId"]
    engine = cloud.engine("apigateway")
    draws = iter([held, "fresh00000", "root000000"])  # the API id twice, then its root
    monkeypatch.setattr(engine, "_new_id", lambda taken, length=10: next(draws))
    assert cloud.client("apigateway").create_rest_api(name="r")["id"] == "fresh00000"
