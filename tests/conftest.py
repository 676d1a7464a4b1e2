"""Test-suite settings: hypothesis profiles (``ci`` under CI, ``dev`` otherwise), and
the ``aws_cli`` fixture (the AWS CLI against ``pyserverless serve``), and
``door_client`` (one service's client through either of the two doors)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,  # CI explores the same examples every run: no flaky red from a new seed
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=100, deadline=None)
_default = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _default)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def aws_cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """``pyserverless serve`` (seed 1) on a free 127.0.0.1 port for the test module, and a
    runner of the AWS CLI against it with fake keys and an empty home:
    ``aws_cli("events", "list-rules")`` is the parsed JSON answer; with ``ok=False`` the
    command must fail, and its stderr is returned. Skipped without the AWS CLI."""
    if shutil.which("aws") is None:
        pytest.skip("the AWS CLI is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--seed", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stderr is not None
    proc.stderr.readline()  # the banner: the socket is bound
    home = tmp_path_factory.mktemp("aws-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "PYTHONPATH"}
    env.update(
        HOME=str(home),
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=str(Path(home) / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(Path(home) / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )

    def run(service: str, *args: str, ok: bool = True) -> Any:
        command = ["aws", service, *args, "--endpoint-url", f"http://127.0.0.1:{port}"]
        done = subprocess.run(
            [*command, "--output", "json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if not ok:
            assert done.returncode != 0
            return done.stderr
        if done.returncode != 0:
            raise AssertionError(
                f"aws {service} {args[0]} failed ({done.returncode}): {done.stderr}"
            )
        return json.loads(done.stdout) if done.stdout.strip() else None

    try:
        yield run
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


#: A trust policy that lets Lambda assume a role (what CreateFunction checks).
LAMBDA_TRUST = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
    '{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
)


def lambda_role(cloud: Any, name: str = "lambda-role") -> str:
    """Create (once) an IAM role Lambda may assume in ``cloud``; return its ARN.

    For tests that create functions through the client, as a moto-style suite does.
    """
    iam = cloud.client("iam")
    try:
        return str(iam.get_role(RoleName=name)["Role"]["Arn"])
    except iam.exceptions.NoSuchEntityException:
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=LAMBDA_TRUST)
        return str(role["Role"]["Arn"])


@pytest.fixture
def lambda_role_arn(cloud: Any) -> str:
    """The ARN of ``lambda-role`` (trusted by Lambda) in the ``cloud`` fixture's Cloud."""
    return lambda_role(cloud)


#: The two doors a table of AWS's recorded answers runs through (``door_client``).
DOORS = ("native", "boto3")


@contextlib.contextmanager
def door_client(door: str, cloud: Any, service: str) -> Iterator[Any]:
    """``service``'s client on ``cloud`` through ``door``: the client layer ("native"), or
    boto3 through ``mock_aws`` ("boto3"; the Cloud is closed afterwards)."""
    if door == "native":
        yield cloud.client(service)
        return
    import boto3

    from pyserverless import mock_aws

    with cloud, mock_aws(cloud):
        yield boto3.client(service, region_name="us-east-1")
