"""A property: whatever sequence of CreateResource, UpdateResource and DeleteResource runs
(refused ones included), the resource tree keeps AWS's rules — every path is its parent's
path plus its own part, siblings differ, at most one variable sibling, nothing beneath a
greedy ``{proxy+}`` — and a refused call changes nothing."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError
from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud

PARTS = st.sampled_from(["a", "b", "c", "{x}", "{y}", "{proxy+}", "bad part", ""])
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["create", "rename", "move", "delete"]),
        st.integers(0, 9),
        st.integers(0, 9),
        PARTS,
    ),
    max_size=25,
)


def _tree(client: Any, api: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in client.get_resources(restApiId=api, limit=500)["items"]}


def _check(tree: dict[str, dict[str, Any]]) -> None:
    roots = [r for r in tree.values() if "parentId" not in r]
    assert len(roots) == 1 and roots[0]["path"] == "/"
    children: dict[str, list[str]] = {}
    for resource in tree.values():
        if "parentId" not in resource:
            continue
        parent = tree[resource["parentId"]]
        assert resource["path"] == parent["path"].rstrip("/") + "/" + resource["pathPart"]
        assert not parent.get("pathPart", "").endswith("+}")
        children.setdefault(parent["id"], []).append(resource["pathPart"])
    for parts in children.values():
        assert len(parts) == len(set(parts))
        assert sum(p.startswith("{") for p in parts) <= 1


@settings(max_examples=100, deadline=None)
@given(steps=STEPS)
def test_the_tree_keeps_aws_rules(steps: list[tuple[str, int, int, str]]) -> None:
    client = Cloud.manual().client("apigateway")
    api = client.create_rest_api(name="t")["id"]
    for kind, first, second, part in steps:
        before = _tree(client, api)
        ids = sorted(before)
        one, other = ids[first % len(ids)], ids[second % len(ids)]
        try:
            if kind == "create":
                client.create_resource(restApiId=api, parentId=one, pathPart=part)
            elif kind == "rename":
                ops = [{"op": "replace", "path": "/pathPart", "value": part}]
                client.update_resource(restApiId=api, resourceId=one, patchOperations=ops)
            elif kind == "move":
                ops = [{"op": "replace", "path": "/parentId", "value": other}]
                client.update_resource(restApiId=api, resourceId=one, patchOperations=ops)
            else:
                client.delete_resource(restApiId=api, resourceId=one)
            code = None
        except ClientError as err:
            code = err.response["Error"]["Code"]
        if code is not None:
            assert code in ("BadRequestException", "ConflictException")
            assert _tree(client, api) == before
        _check(_tree(client, api))
