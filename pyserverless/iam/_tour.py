"""The IAM and STS stop of ``pyserverless tour``: a Lambda execution role, assumed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """IAM and STS: an execution role with an AWS managed policy, assumed for an hour."""
    role = cloud.iam.role("tour-fn", policies=["AWSLambdaBasicExecutionRole"])
    say(f"Created {role!r}.")
    iam = cloud.client("iam")
    try:
        iam.create_role(RoleName="tour-bad", AssumeRolePolicyDocument='{"Statement": []}')
    except iam.exceptions.MalformedPolicyDocumentException as err:
        say(f"  a trust policy without statements: {err.code}: {err.message}")
    sts = cloud.client("sts")
    creds = sts.assume_role(RoleArn=role.arn, RoleSessionName="tour")["Credentials"]
    who = sts.as_caller(creds["AccessKeyId"]).get_caller_identity()["Arn"]
    say(f"  AssumeRole gave {creds['AccessKeyId']}, which is {who}")
    say(f"  it expires at {creds['Expiration'].isoformat()}; advancing the clock an hour ...")
    cloud.advance(3600)
    gone = cloud.engine("sts").credentials_for(creds["AccessKeyId"]) is None
    say(f"  expired: {gone}")
