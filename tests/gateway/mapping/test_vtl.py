"""Mapping templates: the variables and functions of AWS's reference, compared with the
examples in AWS's "Examples using variables for mapping template transformations"."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.gateway._runtime._vtl import TemplateFailed, Util, jsonpath, namespace, render

from .conftest import Api, lambda_uri, mock


def _echo_api(api: Api, template: str, **integration: Any) -> None:
    """POST /items/{id}: a Lambda (custom) integration that returns what it received."""
    fn = api.cloud.lambda_.create_function("echo", handler=lambda event, ctx: event)
    api.method(
        "POST",
        "/items/{id}",
        {
            "type": "AWS",
            "integrationHttpMethod": "POST",
            "uri": lambda_uri(api.cloud, fn.arn),
            "requestTemplates": {"application/json": template},
            **integration,
        },
        {"200": {}},
    )
    api.deploy(variables={"color": "blue"})


class TestAwsExamples:
    def test_example_1_context_variables(self, api: Api) -> None:
        """AWS's example 1: $context variables mapped to other names."""
        template = (
            '{"stage" : "$context.stage", "request_id" : "$context.requestId",'
            ' "api_id" : "$context.apiId", "resource_path" : "$context.resourcePath",'
            ' "resource_id" : "$context.resourceId", "http_method" : "$context.httpMethod",'
            ' "source_ip" : "$context.identity.sourceIp",'
            ' "user-agent" : "$context.identity.userAgent",'
            ' "account_id" : "$context.identity.accountId", "caller" : "$context.identity.caller"}'
        )
        _echo_api(api, template)
        answer = api.call(
            "POST",
            "/items/7",
            {},
            headers={"Content-Type": "application/json", "User-Agent": "curl/7.84.0"},
        )
        got = answer.json()
        assert got["stage"] == "prod" and got["api_id"] == api.id
        assert got["resource_path"] == "/items/{id}" and got["http_method"] == "POST"
        assert got["resource_id"] == api.resources["/items/{id}"]
        assert got["source_ip"] == "127.0.0.1" and got["user-agent"] == "curl/7.84.0"
        assert got["request_id"] == answer.header("x-amzn-RequestId")
        assert got["caller"] == ""  # null renders as nothing

    def test_example_2_all_parameters(self, api: Api) -> None:
        """AWS's example 2 (the console's 'method request passthrough'): every parameter."""
        template = """#set($allParams = $input.params())
{
"body-json" : $input.json('$'),
"params" : {
#foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
"$type" : {
    #foreach($paramName in $params.keySet())
    "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
        #if($foreach.hasNext),#end
    #end
}
    #if($foreach.hasNext),#end
#end
},
"stage-variables" : {
#foreach($key in $stageVariables.keySet())
"$key" : "$util.escapeJavaScript($stageVariables.get($key))"
    #if($foreach.hasNext),#end
#end
}
}"""
        _echo_api(api, template)
        answer = api.call(
            "POST",
            "/items/7",
            {"a": [1, {"b": True}]},
            query="q=x%20y&n=1",
            headers={"Content-Type": "application/json", "X-Quote": 'say "hi"'},
        )
        assert answer.json() == {
            "body-json": {"a": [1, {"b": True}]},
            "params": {
                "path": {"id": "7"},
                "querystring": {"q": "x y", "n": "1"},
                "header": {"Content-Type": "application/json", "X-Quote": 'say "hi"'},
            },
            "stage-variables": {"color": "blue"},
        }

    def test_input_json_and_path(self, api: Api) -> None:
        """$input.json gives JSON text, $input.path an object (AWS's reference table)."""
        template = (
            '{"json": $input.json(\'$.pets[0]\'), "name": "$input.path(\'$.pets[0].name\')",'
            " \"count\": $input.path('$.pets').size(),"
            ' "body": "$util.escapeJavaScript($input.body)"}'
        )
        _echo_api(api, template)
        body = {"pets": [{"name": "Rex", "price": 9.5}]}
        got = api.call("POST", "/items/1", body).json()
        assert got["json"] == {"name": "Rex", "price": 9.5}
        assert got["name"] == "Rex" and got["count"] == 1
        assert json.loads(got["body"]) == body


class TestUtil:
    @pytest.mark.parametrize(
        ("text", "escaped"),
        [
            ('a"b', 'a\\"b'),
            ("it's", "it\\'s"),
            ("back\\slash", "back\\\\slash"),
            ("line\nbreak\ttab", "line\\nbreak\\ttab"),
            ("a/b", "a\\/b"),
            ("é", "\\u00E9"),
        ],
    )
    def test_escape_javascript(self, text: str, escaped: str) -> None:
        """Apache Commons Lang's escapeJavaScript, which AWS documents it uses."""
        assert Util.escapeJavaScript(text) == escaped

    @pytest.mark.parametrize("text", ["a b", "x&y=z", "~tilde*", "ünï", "/path?"])
    def test_url_encode_is_java_url_encoder(self, text: str) -> None:
        """Java's URLEncoder: like quote_plus, with ``*`` kept and ``~`` encoded."""
        expected = quote_plus(text, safe="*").replace("~", "%7E")
        assert Util.urlEncode(text) == expected
        assert Util.urlDecode(expected) == text

    def test_base64_round_trip(self) -> None:
        assert Util.base64Encode("hi there") == base64.b64encode(b"hi there").decode()
        assert Util.base64Decode(Util.base64Encode("héllo")) == "héllo"

    def test_parse_json_walks(self) -> None:
        names = namespace(b"{}")
        out = render('#set($o = $util.parseJson(\'{"a": {"b": [1, 2]}}\'))$o.a.b.get(1)', names)
        assert out == "2"


class TestRendering:
    def test_booleans_and_maps_render_as_java_does(self) -> None:
        names = namespace(b'{"ok": true, "no": false, "m": {"a": 1}}')
        out = render("$input.path('$.ok') $input.path('$.no') $input.path('$.m')", names)
        assert out == "true false {a=1}"

    def test_if_set_foreach(self) -> None:
        names = namespace(b'{"n": [3, 1, 2]}')
        template = (
            "#set($total = 0)#foreach($x in $input.path('$.n'))#set($total = $total + $x)#end"
            "#if($total > 5)big $total#{else}small#end"
        )
        assert render(template, names) == "big 6"

    def test_plain_text_needs_no_engine(self) -> None:
        assert render('{"statusCode": 200}', {}) == '{"statusCode": 200}'

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            ("$", {"a": [{"b": 1}, {"b": 2}], "c d": 3}),
            ("$.a[1].b", 2),
            ("$.a[-1].b", 2),
            ("$.a[*].b", [1, 2]),
            ("$['c d']", 3),
            ("$.missing", None),
            ("$.a[9]", None),
        ],
    )
    def test_jsonpath(self, path: str, value: Any) -> None:
        assert jsonpath({"a": [{"b": 1}, {"b": 2}], "c d": 3}, path) == value


class TestPassthrough:
    @pytest.mark.parametrize(
        ("behaviour", "templates", "ctype", "status"),
        [
            ("WHEN_NO_MATCH", {"application/json": "{}"}, "text/plain", 200),
            ("WHEN_NO_MATCH", {}, "text/plain", 200),
            ("WHEN_NO_TEMPLATES", {}, "text/plain", 200),
            ("WHEN_NO_TEMPLATES", {"application/json": "{}"}, "text/plain", 415),
            ("WHEN_NO_TEMPLATES", {"application/json": "{}"}, "application/json", 200),
            ("NEVER", {"application/json": "{}"}, "text/plain", 415),
            ("NEVER", {"application/json": "{}"}, "application/json", 200),
            ("NEVER", {}, "application/json", 415),
        ],
    )
    def test_passthrough_behaviours(
        self, cloud: Cloud, behaviour: str, templates: dict[str, str], ctype: str, status: int
    ) -> None:
        """WHEN_NO_MATCH / WHEN_NO_TEMPLATES / NEVER, both sides of each."""
        api = Api(cloud)
        fn = cloud.lambda_.create_function("echo", handler=lambda event, ctx: event)
        api.method(
            "POST",
            "/x",
            {
                "type": "AWS",
                "integrationHttpMethod": "POST",
                "uri": lambda_uri(cloud, fn.arn),
                "passthroughBehavior": behaviour,
                **({"requestTemplates": templates} if templates else {}),
            },
            {"200": {}},
        )
        api.deploy()
        answer = api.call("POST", "/x", b'{"a": 1}', headers={"Content-Type": ctype})
        assert answer.status == status
        if status == 415:
            assert answer.json() == {"message": "Unsupported Media Type"}

    def test_passed_through_body_reaches_lambda(self, api: Api) -> None:
        fn = api.cloud.lambda_.create_function("echo", handler=lambda event, ctx: event)
        api.method(
            "POST",
            "/x",
            {"type": "AWS", "integrationHttpMethod": "POST", "uri": lambda_uri(api.cloud, fn.arn)},
            {"200": {}},
        )
        api.deploy()
        assert api.call("POST", "/x", {"raw": [1]}).json() == {"raw": [1]}


class TestMock:
    def test_template_status_selects_the_response(self, api: Api) -> None:
        """A MOCK request template renders the status from the request itself."""
        api.method(
            "GET",
            "/mock",
            mock('{"statusCode": #if($input.params(\'fail\') == "yes")500#{else}200#end}'),
            {
                "200": {
                    "responseTemplates": {"application/json": '{"ok": "$input.params(\'who\')"}'}
                },
                "500": {
                    "selectionPattern": "5\\d{2}",
                    "responseTemplates": {"application/json": '{"ok": false}'},
                },
            },
        )
        api.deploy()
        answer = api.call("GET", "/mock", query="who=ann")
        assert (answer.status, answer.json()) == (200, {"ok": "ann"})
        answer = api.call("GET", "/mock", query="fail=yes")
        assert (answer.status, answer.json()) == (500, {"ok": False})

    def test_a_template_that_fails_is_a_500(self, api: Api) -> None:
        api.method("GET", "/bad", mock("#foreach($x in"), {"200": {}})
        api.deploy()
        answer = api.call("GET", "/bad")
        assert (answer.status, answer.json()) == (500, {"message": "Internal server error"})


_PIECES = st.sampled_from(
    [
        "$input.path('$.a')",
        "$input.json('$')",
        "#set($x = 1)",
        "#if($x)",
        "#end",
        "#foreach($i in $input.path('$.l'))",
        "$util.base64Decode('%%')",
        "$util.parseJson('{')",
        "${",
        "}",
        "$!",
        "(",
        ")",
        "'",
        '"',
        "#{else}",
        "text",
        "$i",
        "\\$",
    ]
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=8), body=st.binary(max_size=20))
def test_any_template_renders_or_fails_cleanly(pieces: list[str], body: bytes) -> None:
    """Whatever the template and body, rendering gives text or TemplateFailed, nothing else."""
    try:
        out = render("".join(pieces), namespace(body))
    except TemplateFailed:
        return
    assert isinstance(out, str)


@settings(max_examples=200, deadline=None)
@given(path=st.text(alphabet="$.[]*'\"ab0-1 ", max_size=12))
def test_jsonpath_never_raises(path: str) -> None:
    jsonpath({"a": [{"b": 1}], "b": {"a": 2}}, path)
