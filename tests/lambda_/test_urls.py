"""Function URLs: the configuration API, the payload 2.0 event, auth, CORS, and the
URL answering over ``pyserverless serve``."""

from __future__ import annotations

import base64
import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.adapters._sigv4 import sign
from pyserverless.adapters.http import Server

EVENTS = Path("/work/shared/reference/events")  # the shared reference, as the other event tests
ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"
URL = re.compile(r"^https://([a-z0-9]{32})\.lambda-url\.us-east-1\.on\.aws/$")


def echo(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": json.dumps(event)}


def _public(lam: Any, name: str = "f", **kw: Any) -> None:
    lam.add_permission(
        FunctionName=name,
        StatementId="url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
        **kw,
    )
    lam.add_permission(
        FunctionName=name,
        StatementId="invoke",
        Action="lambda:InvokeFunction",
        Principal="*",
        InvokedViaFunctionUrl=True,
        **kw,
    )


@pytest.fixture
def lam(cloud: Cloud) -> Any:
    cloud.lambda_.create_function("f", handler=echo)
    return cloud.client("lambda")


def _code(err: Any) -> str:
    return str(err.value.response["Error"]["Code"])


def _message(err: Any) -> str:
    return str(err.value.response["Error"]["Message"])


class TestConfigApi:
    def test_create_shape(self, lam: Any) -> None:
        """CreateFunctionUrlConfig answers 201 with AWS's members and URL form."""
        out = lam.create_function_url_config(FunctionName="f", AuthType="NONE")
        assert URL.match(out["FunctionUrl"])
        assert out["FunctionArn"] == ARN
        assert out["AuthType"] == "NONE"
        assert "InvokeMode" not in out  # not set: AWS's answer leaves it out
        assert "LastModifiedTime" not in out
        got = lam.get_function_url_config(FunctionName="f")
        assert got["FunctionUrl"] == out["FunctionUrl"]
        assert got["CreationTime"] == got["LastModifiedTime"] == out["CreationTime"]

    def test_times_follow_the_clock(self) -> None:
        """CreationTime and LastModifiedTime come from the Cloud's clock."""
        cloud = Cloud(clock=ManualClock(1_700_000_000))
        cloud.lambda_.create_function("f", handler=echo)
        lam = cloud.client("lambda")
        out = lam.create_function_url_config(FunctionName="f", AuthType="NONE")
        assert out["CreationTime"] == "2023-11-14T22:13:20.000000Z"
        cloud.advance(60)
        new = lam.update_function_url_config(FunctionName="f", AuthType="AWS_IAM")
        assert new["LastModifiedTime"] == "2023-11-14T22:14:20.000000Z"
        assert new["CreationTime"] == out["CreationTime"]

    def test_duplicate(self, lam: Any) -> None:
        """A second URL for the same function is ResourceConflictException."""
        lam.create_function_url_config(FunctionName="f", AuthType="NONE")
        with pytest.raises(ClientError) as err:
            lam.create_function_url_config(FunctionName="f", AuthType="AWS_IAM")
        assert _code(err) == "ResourceConflictException"
        assert _message(err) == (
            f"Failed to create function url config for [functionArn = {ARN}]. "
            "Error message:  FunctionUrlConfig exists for this Lambda function"
        )

    def test_qualifier_alias_only(self, lam: Any) -> None:
        """An alias may have a URL; a version number is refused by the model's pattern."""
        lam.publish_version(FunctionName="f")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        out = lam.create_function_url_config(FunctionName="f", Qualifier="live", AuthType="NONE")
        assert out["FunctionArn"] == f"{ARN}:live"
        with pytest.raises(ClientError) as err:
            lam.create_function_url_config(FunctionName="f", Qualifier="1", AuthType="NONE")
        assert _code(err) == "ValidationException"
        assert "Value '1' at 'qualifier'" in _message(err)
        with pytest.raises(ClientError) as err:
            lam.create_function_url_config(FunctionName="f", Qualifier="beta", AuthType="NONE")
        assert _code(err) == "ResourceNotFoundException"
        assert _message(err) == "Function does not exist"

    def test_enums_and_cors_limits(self, lam: Any) -> None:
        """AuthType, InvokeMode and Cors.MaxAge outside the model are ValidationException."""
        with pytest.raises(ClientError) as err:
            lam.create_function_url_config(FunctionName="f", AuthType="BASIC")
        assert _code(err) == "ValidationException"
        with pytest.raises(ClientError) as err:
            lam.create_function_url_config(
                FunctionName="f", AuthType="NONE", InvokeMode="STREAMING"
            )
        assert _code(err) == "ValidationException"
        with pytest.raises(ClientError) as err:
            lam.create_function_url_config(
                FunctionName="f", AuthType="NONE", Cors={"MaxAge": 86401}
            )
        assert "Member must have value less than or equal to 86400" in _message(err)
        out = lam.create_function_url_config(
            FunctionName="f", AuthType="NONE", Cors={"MaxAge": 86400}
        )
        assert out["Cors"] == {"MaxAge": 86400}

    def test_unknown_function(self, lam: Any) -> None:
        """Get and Delete on a missing function or URL answer AWS's 404 text."""
        for call in (lam.get_function_url_config, lam.delete_function_url_config):
            for name in ("nope", "f"):
                with pytest.raises(ClientError) as err:
                    call(FunctionName=name)
                assert _code(err) == "ResourceNotFoundException"
                assert _message(err) == "The resource you requested does not exist."

    def test_update_keeps_the_rest(self, lam: Any) -> None:
        """Update changes only what is given; the URL itself stays."""
        made = lam.create_function_url_config(
            FunctionName="f", AuthType="NONE", Cors={"AllowOrigins": ["*"]}
        )
        made["Cors"]["AllowOrigins"].append("https://evil.example")  # the caller's copy only
        out = lam.update_function_url_config(FunctionName="f", InvokeMode="RESPONSE_STREAM")
        assert out["FunctionUrl"] == made["FunctionUrl"]
        assert out["Cors"] == {"AllowOrigins": ["*"]}
        assert out["InvokeMode"] == "RESPONSE_STREAM"
        assert out["AuthType"] == "NONE"

    def test_list_and_page(self, lam: Any) -> None:
        """ListFunctionUrlConfigs lists $LATEST's and the aliases' URLs, a page at a time."""
        lam.publish_version(FunctionName="f")
        for alias in ("a", "b"):
            lam.create_alias(FunctionName="f", Name=alias, FunctionVersion="1")
            lam.create_function_url_config(FunctionName="f", Qualifier=alias, AuthType="NONE")
        lam.create_function_url_config(FunctionName="f", AuthType="NONE")
        arns = [
            c["FunctionArn"]
            for c in lam.list_function_url_configs(FunctionName="f")["FunctionUrlConfigs"]
        ]
        assert arns == [ARN, f"{ARN}:a", f"{ARN}:b"]
        first = lam.list_function_url_configs(FunctionName="f", MaxItems=2)
        assert len(first["FunctionUrlConfigs"]) == 2
        rest = lam.list_function_url_configs(FunctionName="f", Marker=first["NextMarker"])
        assert [c["FunctionArn"] for c in rest["FunctionUrlConfigs"]] == [f"{ARN}:b"]
        assert "NextMarker" not in rest

    def test_deleted_alias_takes_its_url(self, cloud: Cloud, lam: Any) -> None:
        """Deleting an alias (or the function) deletes its URL."""
        lam.publish_version(FunctionName="f")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        url = lam.create_function_url_config(FunctionName="f", Qualifier="live", AuthType="NONE")
        lam.delete_alias(FunctionName="f", Name="live")
        assert lam.list_function_url_configs(FunctionName="f")["FunctionUrlConfigs"] == []
        url_id = URL.match(url["FunctionUrl"]).group(1)  # type: ignore[union-attr]
        assert cloud.engine("lambda").invoke_url(url_id, "GET").status == 404
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        assert lam.list_function_url_configs(FunctionName="f")["FunctionUrlConfigs"] == []
        assert cloud.engine("lambda").invoke_url(url_id, "GET").status == 404

    def test_boto3_over_the_wire(self, cloud: Cloud) -> None:
        """boto3 on the bridge: 201 on create, 204 on delete."""
        cloud.lambda_.create_function("f", handler=echo)
        with mock_aws(cloud):
            b3 = boto3.client("lambda", region_name="us-east-1")
            out = b3.create_function_url_config(
                FunctionName="f", AuthType="AWS_IAM", Cors={"AllowMethods": ["GET"]}
            )
            assert out["ResponseMetadata"]["HTTPStatusCode"] == 201
            assert URL.match(out["FunctionUrl"])
            got = b3.get_function_url_config(FunctionName="f")
            assert got["Cors"] == {"AllowMethods": ["GET"]}
            gone = b3.delete_function_url_config(FunctionName="f")
            assert gone["ResponseMetadata"]["HTTPStatusCode"] == 204


class TestInvocation:
    def _url(self, cloud: Cloud, lam: Any, auth: str = "NONE", **kw: Any) -> Any:
        lam.create_function_url_config(FunctionName="f", AuthType=auth, **kw)
        return cloud.engine("lambda").function_url("f")

    def test_forbidden_without_policy(self, cloud: Cloud, lam: Any) -> None:
        """A NONE URL needs both public permissions: without them, 403 Forbidden."""
        url = self._url(cloud, lam)
        answer = url.invoke("GET", "/")
        assert answer.status == 403
        assert answer.json() == {"Message": "Forbidden"}
        lam.add_permission(
            FunctionName="f",
            StatementId="url",
            Action="lambda:InvokeFunctionUrl",
            Principal="*",
            FunctionUrlAuthType="NONE",
        )
        assert url.invoke("GET", "/").status == 403  # lambda:InvokeFunction still missing
        cloud.engine("lambda").url_requires_invoke_function = False
        assert url.invoke("GET", "/").status == 200

    def test_auth_type_condition(self, cloud: Cloud, lam: Any) -> None:
        """A statement for AWS_IAM URLs does not open a NONE URL."""
        url = self._url(cloud, lam)
        lam.add_permission(
            FunctionName="f",
            StatementId="url",
            Action="lambda:InvokeFunctionUrl",
            Principal="*",
            FunctionUrlAuthType="AWS_IAM",
        )
        lam.add_permission(
            FunctionName="f", StatementId="inv", Action="lambda:InvokeFunction", Principal="*"
        )
        assert url.invoke("GET", "/").status == 403

    def test_event_shape(self, cloud: Cloud, lam: Any) -> None:
        """The event has the reference event's members, and parses as powertools' model."""
        from aws_lambda_powertools.utilities.parser.models import LambdaFunctionUrlModel

        url = self._url(cloud, lam)
        _public(lam)
        answer = url.invoke(
            "POST",
            "/items/1",
            query="a=1&a=2&b=x",
            headers={"User-Agent": "tests", "Cookie": "c1=v1; c2=v2", "Content-Type": "text/plain"},
            body="hello",
            source_ip="10.1.2.3",
        )
        assert answer.status == 200
        event = json.loads(answer.body)
        reference = json.loads((EVENTS / "lambdaFunctionUrlEvent.json").read_text())
        assert set(reference) <= set(event)
        assert set(reference["requestContext"]) <= set(event["requestContext"])
        ctx = event["requestContext"]
        assert ctx["http"] == {
            "method": "POST",
            "path": "/items/1",
            "protocol": "HTTP/1.1",
            "sourceIp": "10.1.2.3",
            "userAgent": "tests",
        }
        assert ctx["domainPrefix"] == ctx["apiId"] == url.url_id
        assert ctx["domainName"] == f"{url.url_id}.lambda-url.us-east-1.on.aws"
        assert ctx["timeEpoch"] == int(cloud.clock.time() * 1000)
        assert ctx["accountId"] == "anonymous"
        assert answer.header("x-amzn-RequestId") == ctx["requestId"]
        assert event["rawQueryString"] == "a=1&a=2&b=x"
        assert event["queryStringParameters"] == {"a": "1,2", "b": "x"}
        assert event["cookies"] == ["c1=v1", "c2=v2"]
        assert event["body"] == "hello"
        assert event["isBase64Encoded"] is False
        assert event["headers"]["x-forwarded-for"] == "10.1.2.3"
        model = LambdaFunctionUrlModel.model_validate(event)
        assert model.requestContext.http.method == "POST"

    def test_binary_body(self, cloud: Cloud, lam: Any) -> None:
        """A binary body arrives base64-encoded."""
        url = self._url(cloud, lam)
        _public(lam)
        event = url.invoke(
            "PUT", "/", headers={"content-type": "image/png"}, body=b"\x89PNG\x00"
        ).json()
        assert event["isBase64Encoded"] is True
        assert base64.b64decode(event["body"]) == b"\x89PNG\x00"

    def test_response_forms(self, cloud: Cloud) -> None:
        """statusCode/headers/cookies/base64 bodies, a bare value, and a failure (502)."""
        answers = {
            "full": {
                "statusCode": 201,
                "headers": {"x-a": "1"},
                "cookies": ["s=1"],
                "body": base64.b64encode(b"\x00\x01").decode(),
                "isBase64Encoded": True,
            },
            "bare": {"ok": True},
        }
        engine = cloud.engine("lambda")
        lam = cloud.client("lambda")
        for name, value in answers.items():
            cloud.lambda_.create_function(name, handler=lambda e, c, v=value: v)
            lam.create_function_url_config(FunctionName=name, AuthType="NONE")
            _public(lam, name)
        cloud.lambda_.create_function("boom", handler=lambda e, c: 1 / 0)
        lam.create_function_url_config(FunctionName="boom", AuthType="NONE")
        _public(lam, "boom")
        full = engine.function_url("full").invoke()
        assert (full.status, full.body, full.header("x-a")) == (201, b"\x00\x01", "1")
        assert ("set-cookie", "s=1") in full.headers
        bare = engine.function_url("bare").invoke()
        assert (bare.status, bare.json(), bare.header("content-type")) == (
            200,
            {"ok": True},
            "application/json",
        )
        boom = engine.function_url("boom").invoke()
        assert (boom.status, boom.json()) == (502, {"Message": "Internal Server Error"})

    def test_alias_url_runs_the_alias(self, cloud: Cloud, lam: Any) -> None:
        """An alias's URL runs the version the alias names, under the alias's policy."""
        lam.publish_version(FunctionName="f")
        lam.create_alias(FunctionName="f", Name="live", FunctionVersion="1")
        lam.create_function_url_config(FunctionName="f", Qualifier="live", AuthType="NONE")
        url = cloud.engine("lambda").function_url("f", "live")
        _public(lam)  # the function's policy: not the alias's
        assert url.invoke().status == 403
        _public(lam, Qualifier="live")
        assert url.invoke().status == 200

    def test_aws_iam(self, cloud: Cloud, lam: Any) -> None:
        """An AWS_IAM URL wants a SigV4 signature from a known key."""
        url = self._url(cloud, lam, auth="AWS_IAM")
        unsigned = url.invoke("GET", "/")
        assert (unsigned.status, unsigned.json()) == (403, {"Message": "Forbidden"})
        signed = url.invoke("GET", "/p", query="q=1", credentials=("testing", "testing"))
        assert signed.status == 200
        event = signed.json()
        assert event["requestContext"]["authorizer"]["iam"]["accessKey"] == "testing"
        wrong = url.invoke("GET", "/", credentials=("testing", "not-the-secret"))
        assert wrong.status == 403
        assert wrong.header("x-amzn-ErrorType") == "InvalidSignatureException"
        unknown = url.invoke("GET", "/", credentials=("AKIDNOBODY", "x"))
        assert unknown.status == 403

    def test_aws_iam_with_an_iam_users_key(self, cloud: Cloud, lam: Any) -> None:
        """An active access key of an IAM user signs for an AWS_IAM URL; a deleted one not."""
        url = self._url(cloud, lam, auth="AWS_IAM")
        iam = cloud.client("iam")
        iam.create_user(UserName="dev")
        key = iam.create_access_key(UserName="dev")["AccessKey"]
        pair = (key["AccessKeyId"], key["SecretAccessKey"])
        answer = url.invoke(credentials=pair)
        assert answer.status == 200
        identity = answer.json()["requestContext"]["authorizer"]["iam"]
        assert identity["userArn"] == "arn:aws:iam::123456789012:user/dev"
        assert identity["accessKey"] == key["AccessKeyId"]
        iam.delete_access_key(UserName="dev", AccessKeyId=key["AccessKeyId"])
        assert url.invoke(credentials=pair).status == 403

    def test_cors(self, cloud: Cloud, lam: Any) -> None:
        """The URL answers CORS preflights itself and sets CORS headers on answers."""
        cors = {
            "AllowOrigins": ["https://app.example"],
            "AllowMethods": ["GET", "POST"],
            "AllowHeaders": ["x-token"],
            "ExposeHeaders": ["x-trace"],
            "MaxAge": 300,
            "AllowCredentials": True,
        }
        url = self._url(cloud, lam, Cors=cors)
        preflight = url.invoke(
            "OPTIONS",
            "/",
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status == 200  # before any policy: the URL itself answers
        assert preflight.header("Access-Control-Allow-Origin") == "https://app.example"
        assert preflight.header("Access-Control-Allow-Methods") == "GET,POST"
        assert preflight.header("Access-Control-Max-Age") == "300"
        assert preflight.header("Access-Control-Allow-Credentials") == "true"
        other = url.invoke(
            "OPTIONS",
            "/",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert other.header("Access-Control-Allow-Origin") is None
        _public(lam)
        answer = url.invoke("GET", "/", headers={"Origin": "https://app.example"})
        assert answer.header("Access-Control-Allow-Origin") == "https://app.example"
        assert answer.header("Access-Control-Expose-Headers") == "x-trace"


@pytest.fixture
def served(cloud: Cloud) -> Iterator[tuple[Cloud, int]]:
    with Server(cloud) as server:
        yield cloud, server.port


class TestServe:
    def _request(
        self, port: int, host: str, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={"Host": host, **headers})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def test_none_url_over_http(self, served: tuple[Cloud, int]) -> None:
        """``http://{url-id}.lambda-url.localhost:PORT/`` runs the function."""
        cloud, port = served
        cloud.lambda_.create_function("f", handler=echo)
        lam = cloud.client("lambda")
        made = lam.create_function_url_config(FunctionName="f", AuthType="NONE")
        url_id = URL.match(made["FunctionUrl"]).group(1)  # type: ignore[union-attr]
        host = f"{url_id}.lambda-url.localhost:{port}"
        status, _, body = self._request(port, host, "GET", "/x?y=1", {}, b"")
        assert status == 403
        assert json.loads(body) == {"Message": "Forbidden"}
        _public(lam)
        status, _, body = self._request(port, host, "POST", "/x?y=1", {}, b'{"a": 1}')
        assert status == 200
        event = json.loads(body)
        assert event["rawPath"] == "/x"
        assert event["queryStringParameters"] == {"y": "1"}
        assert json.loads(event["body"]) == {"a": 1}
        status, _, _ = self._request(
            port, "b" * 32 + f".lambda-url.localhost:{port}", "GET", "/", {}, b""
        )
        assert status == 404

    def test_iam_url_over_http(self, served: tuple[Cloud, int]) -> None:
        """A SigV4-signed request (service ``lambda``) passes an AWS_IAM URL over serve."""
        cloud, port = served
        cloud.lambda_.create_function("f", handler=echo)
        made = cloud.client("lambda").create_function_url_config(
            FunctionName="f", AuthType="AWS_IAM"
        )
        url_id = URL.match(made["FunctionUrl"]).group(1)  # type: ignore[union-attr]
        host = f"{url_id}.lambda-url.localhost:{port}"
        signed = sign(
            "GET", f"http://{host}/p", {}, b"", "testing", "testing", "us-east-1", "lambda"
        )
        signed.pop("host")
        status, _, _ = self._request(port, host, "GET", "/p", signed, b"")
        assert status == 200
        status, _, _ = self._request(port, host, "GET", "/p", {}, b"")
        assert status == 403


class TestSnapshot:
    def test_restore_brings_back_urls_and_policies(self, cloud: Cloud, lam: Any) -> None:
        """A snapshot holds URL configurations and policies; restoring undoes both."""
        lam.create_function_url_config(FunctionName="f", AuthType="NONE")
        snap = cloud.snapshot()
        _public(lam)
        url = cloud.engine("lambda").function_url("f")
        assert url.invoke().status == 200
        lam.delete_function_url_config(FunctionName="f")
        cloud.restore(snap)
        assert url.invoke().status == 403  # the URL is back, the permissions are not
        with pytest.raises(ClientError):
            lam.get_policy(FunctionName="f")

    def test_snapshot_keeps_cors(self, cloud: Cloud, lam: Any) -> None:
        """A URL's CORS settings survive a snapshot and restore."""
        lam.create_function_url_config(
            FunctionName="f", AuthType="NONE", Cors={"AllowOrigins": ["https://a.example"]}
        )
        cloud.restore(cloud.snapshot())
        got = lam.get_function_url_config(FunctionName="f")
        assert got["Cors"] == {"AllowOrigins": ["https://a.example"]}


class TestAwsCli:
    def test_cli_happy_path(self, served: tuple[Cloud, int], tmp_path: Path) -> None:
        """The AWS CLI makes a URL and opens it; the URL then answers over HTTP."""
        import os
        import shutil
        import subprocess

        if shutil.which("aws") is None:
            pytest.skip("the AWS CLI is not installed")
        cloud, port = served
        cloud.lambda_.create_function("f", handler=echo)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            HOME=str(tmp_path),
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_DEFAULT_REGION="us-east-1",
            AWS_EC2_METADATA_DISABLED="true",
            AWS_PAGER="",
        )

        def aws(*args: str) -> Any:
            done = subprocess.run(
                ["aws", "lambda", *args, "--endpoint-url", f"http://127.0.0.1:{port}"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            )
            return json.loads(done.stdout) if done.stdout.strip() else None

        made = aws("create-function-url-config", "--function-name", "f", "--auth-type", "NONE")
        url_id = URL.match(made["FunctionUrl"]).group(1)  # type: ignore[union-attr]
        aws(
            "add-permission", "--function-name", "f", "--statement-id", "url",
            "--action", "lambda:InvokeFunctionUrl", "--principal", "*",
            "--function-url-auth-type", "NONE",
        )  # fmt: skip
        aws(
            "add-permission", "--function-name", "f", "--statement-id", "invoke",
            "--action", "lambda:InvokeFunction", "--principal", "*", "--invoked-via-function-url",
        )  # fmt: skip
        policy = json.loads(aws("get-policy", "--function-name", "f")["Policy"])
        assert [s["Sid"] for s in policy["Statement"]] == ["url", "invoke"]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", "/cli", headers={"Host": f"{url_id}.lambda-url.localhost:{port}"})
            resp = conn.getresponse()
            assert resp.status == 200
            assert json.loads(resp.read())["rawPath"] == "/cli"
        finally:
            conn.close()
