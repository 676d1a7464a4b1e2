"""IAM and STS through boto3 on the in-process bridge, against moto in the same run.

get_role (a tagged role with a trust policy), a create_role/attach_role_policy/
detach_role_policy/delete_role cycle, and assume_role: boto3 on ``mock_aws`` against boto3
on ``moto.mock_aws``; CPU time of this process per call, medians of alternating blocks
(the machine is shared).

Run: ``python -m benchmarks bench_iam``.
"""

from __future__ import annotations

import itertools
import json
import statistics
import time
from collections.abc import Callable

import boto3
import moto

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock, mock_aws

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com", "AWS": "123456789012"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
OPS = ("get_role", "create, attach, detach, delete role", "assume_role")


def _cpu_per_call(fn: Callable[[], object], n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - start) / n


def _workload(op: str) -> Callable[[], object]:
    iam = boto3.client("iam", region_name="us-east-1")
    role = iam.create_role(
        RoleName="bench", AssumeRolePolicyDocument=TRUST, Tags=[{"Key": "k", "Value": "v"}]
    )["Role"]
    if op == "get_role":
        return lambda: iam.get_role(RoleName="bench")
    if op == "assume_role":
        sts = boto3.client("sts", region_name="us-east-1")
        return lambda: sts.assume_role(RoleArn=role["Arn"], RoleSessionName="bench")
    names = (f"r{i}" for i in itertools.count())

    def cycle() -> object:
        name = next(names)
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName=name, PolicyArn=BASIC)
        iam.detach_role_policy(RoleName=name, PolicyArn=BASIC)
        return iam.delete_role(RoleName=name)

    return cycle


def _moto_block(op: str, n: int) -> float:
    with moto.mock_aws(config={"iam": {"load_aws_managed_policies": True}}):
        fn = _workload(op)
        fn()
        return _cpu_per_call(fn, n)


def _ours_block(op: str, n: int) -> float:
    with Cloud(clock=ManualClock(1735689600)) as cloud, mock_aws(cloud):
        fn = _workload(op)
        fn()
        return _cpu_per_call(fn, n)


def rows(rounds: int = 5, n: int = 100) -> list[list[str]]:
    """Medians of alternating blocks: pyserverless, then moto."""
    out = []
    for op in OPS:
        ours: list[float] = []
        other: list[float] = []
        for _ in range(rounds):
            ours.append(_ours_block(op, n))
            other.append(_moto_block(op, n))
        a, b = statistics.median(ours), statistics.median(other)
        out.append([op, f"{a * 1e6:,.0f}", f"{b * 1e6:,.0f}", f"{b / a:.1f}x"])
    return out


def main() -> None:
    found = rows()
    text = "\n\n".join(
        [
            (
                "## IAM and STS (issue 22; `python -m benchmarks bench_iam`)\n\nboto3 through "
                "`mock_aws` against boto3 through `moto.mock_aws` (AWS managed policies "
                "loaded), CPU µs per call (medians of 5 alternating blocks of 100). Both "
                "speak AWS's query protocol through botocore's own serialiser and XML parser."
            ),
            table(["operation", "pyserverless µs", "moto µs", "speed-up"], found),
        ]
    )
    print(text)
    record("iam", text)


if __name__ == "__main__":
    main()
