"""Function tags: CreateFunction Tags, TagResource, UntagResource, ListTags, GetFunction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless._core.errors import ParamValidationError
from pyserverless.lambda_ import (
    InvalidParameterValueException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import ROLE, make_zip

CODE = make_zip({"app.py": "def handler(event, context):\n    return event\n"})
ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"


def create(client, name="f", **extra):
    return client.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": CODE},
        **extra,
    )


@pytest.fixture
def client(lam: Cloud):
    return lam.client("lambda")


class TestCreateFunctionTags:
    def test_tags_are_stored_and_returned(self, client):
        """Tags given at creation come back from GetFunction and ListTags."""
        create(client, Tags={"team": "data", "env": "dev"})
        assert client.get_function(FunctionName="f")["Tags"] == {"team": "data", "env": "dev"}
        assert client.list_tags(Resource=ARN)["Tags"] == {"team": "data", "env": "dev"}

    def test_no_tags_no_tags_member(self, client):
        """A function without tags has no Tags in GetFunction, and an empty ListTags."""
        create(client)
        assert "Tags" not in client.get_function(FunctionName="f")
        assert client.list_tags(Resource=ARN)["Tags"] == {}

    def test_fifty_tags_ok_fifty_one_refused(self, client):
        """At most 50 tags; over the limit nothing is created."""
        create(client, "ok", Tags={f"k{i}": "v" for i in range(50)})
        with pytest.raises(InvalidParameterValueException, match="exceeds resource tag limit"):
            create(client, Tags={f"k{i}": "v" for i in range(51)})
        names = [f["FunctionName"] for f in client.list_functions()["Functions"]]
        assert names == ["ok"]

    def test_reserved_prefix_refused(self, client):
        """Keys starting with aws: are reserved."""
        with pytest.raises(InvalidParameterValueException, match="'aws:'"):
            create(client, Tags={"aws:cloudformation:stack-name": "s"})
        assert client.list_functions()["Functions"] == []

    @pytest.mark.parametrize(
        ("tags", "ok"),
        [
            ({"k" * 128: "v"}, True),
            ({"k" * 129: "v"}, False),
            ({"k": "v" * 256}, True),
            ({"k": "v" * 257}, False),
            ({"": "v"}, False),
        ],
    )
    def test_key_and_value_lengths(self, lam, client, tags, ok):
        """Keys are 1-128 characters, values at most 256 (an empty key: botocore refuses it)."""
        if ok:
            assert create(client, Tags=tags)["FunctionName"] == "f"
            return
        if "" in tags:
            with pytest.raises(ParamValidationError, match="Tags"):
                create(client, Tags=tags)
        else:
            with pytest.raises(InvalidParameterValueException, match="Tag"):
                create(client, Tags=tags)
        with pytest.raises(InvalidParameterValueException, match="Tag"):
            lam.lambda_.create_function("f", handler=lambda e, c: e, tags=tags)
        assert client.list_functions()["Functions"] == []


class TestTagResource:
    def test_adds_and_overwrites(self, client):
        """TagResource merges: new keys are added, existing keys overwritten."""
        create(client, Tags={"a": "1", "b": "2"})
        client.tag_resource(Resource=ARN, Tags={"b": "20", "c": "3"})
        assert client.list_tags(Resource=ARN)["Tags"] == {"a": "1", "b": "20", "c": "3"}

    def test_limit_counts_existing_tags_and_changes_nothing(self, client):
        """49 tags plus 2 new ones is over the limit; the function keeps its 49."""
        tags = {f"k{i}": "v" for i in range(49)}
        create(client, Tags=tags)
        with pytest.raises(InvalidParameterValueException, match="exceeds resource tag limit"):
            client.tag_resource(Resource=ARN, Tags={"x": "1", "y": "2"})
        assert client.list_tags(Resource=ARN)["Tags"] == tags
        client.tag_resource(Resource=ARN, Tags={"k0": "overwritten", "x": "1"})
        assert len(client.list_tags(Resource=ARN)["Tags"]) == 50

    @pytest.mark.parametrize("suffix", [":1", ":live", ":$LATEST"])
    def test_versions_and_aliases_refused(self, client, suffix):
        """Tags belong to the function: a qualified ARN is refused, as AWS does."""
        create(client, Publish=True)
        client.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        with pytest.raises(InvalidParameterValueException, match="aliases and versions"):
            client.tag_resource(Resource=ARN + suffix, Tags={"a": "1"})
        with pytest.raises(InvalidParameterValueException, match="aliases and versions"):
            client.list_tags(Resource=ARN + suffix)

    def test_unknown_function(self, client):
        """A function that does not exist is ResourceNotFoundException with its ARN."""
        with pytest.raises(ResourceNotFoundException, match=f"Function not found: {ARN}"):
            client.tag_resource(Resource=ARN, Tags={"a": "1"})

    def test_malformed_arn(self, client):
        """A plain name is not an ARN: ValidationException on 'resource'."""
        create(client)
        with pytest.raises(ValidationException, match="at 'resource' failed"):
            client.list_tags(Resource="f")

    def test_other_account_is_not_found(self, client):
        """The ARN must be this account's."""
        create(client)
        with pytest.raises(ResourceNotFoundException):
            client.list_tags(Resource=ARN.replace("123456789012", "210987654321"))


class TestUntagResource:
    def test_removes_keys_and_ignores_missing_ones(self, client):
        """UntagResource removes the keys given; unknown keys are ignored."""
        create(client, Tags={"a": "1", "b": "2"})
        client.untag_resource(Resource=ARN, TagKeys=["a", "zzz"])
        assert client.list_tags(Resource=ARN)["Tags"] == {"b": "2"}

    def test_versions_share_the_functions_tags(self, client):
        """Published versions do not have tags of their own: GetFunction shows the function's."""
        create(client, Tags={"a": "1"}, Publish=True)
        client.tag_resource(Resource=ARN, Tags={"b": "2"})
        assert client.get_function(FunctionName="f", Qualifier="1")["Tags"] == {"a": "1", "b": "2"}


@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.dictionaries(st.sampled_from("abcdef"), st.sampled_from(["1", "2"]), max_size=3),
        ),
        max_size=8,
    )
)
def test_tags_follow_a_dict_model(ops):
    """Any sequence of TagResource/UntagResource leaves ListTags equal to a dict model."""
    cloud = Cloud.manual()
    client = cloud.client("lambda")
    cloud.lambda_.create_function("f", handler=lambda e, c: e)
    model: dict[str, str] = {}
    for tag, tags in ops:
        if tag and tags:
            client.tag_resource(Resource=ARN, Tags=tags)
            model.update(tags)
        elif tags:
            client.untag_resource(Resource=ARN, TagKeys=list(tags))
            for key in tags:
                model.pop(key, None)
    assert client.list_tags(Resource=ARN)["Tags"] == model
