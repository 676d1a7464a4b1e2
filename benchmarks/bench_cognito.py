"""Cognito tokens and SRP: pyserverless against the floor of bare RSA, and against moto.

* tokens issued per second: REFRESH_TOKEN_AUTH through the client layer (two RS256 JWTs per
  call: ID and access, with every claim), against a bare ``cryptography`` RSA-2048
  PKCS#1 v1.5 SHA-256 signature per second (the floor: signing is the cost);
* tokens verified per second: ``pool.verify`` (signature, issuer, use, expiry, revocation)
  against a bare RSA verify per second;
* one full SRP login with pycognito's ``AWSSRP`` through boto3 (the in-process bridge),
  against the same login on moto (which accepts any password proof, so does no SRP maths).

Run: ``python -m benchmarks.bench_cognito``.
"""

from __future__ import annotations

import time
from typing import Any

import boto3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pycognito.aws_srp import AWSSRP

from benchmarks._common import per_second, record, table
from pyserverless import Cloud, ManualClock, mock_aws

PASSWORD = "Passw0rd!"


def _setup(idp: Any) -> tuple[str, str]:
    pool_id = idp.create_user_pool(PoolName="bench")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="bench",
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="ann",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "ann@example.com"}],
    )
    idp.admin_set_user_password(
        UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True
    )
    return pool_id, client_id


def _srp_login_seconds(idp: Any, pool_id: str, client_id: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        AWSSRP(
            username="ann", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=idp
        ).authenticate_user()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    cloud = Cloud(clock=ManualClock())
    idp = cloud.client("cognito-idp")
    pool_id, client_id = _setup(idp)
    pool = cloud.cognito.user_pool(pool_id)
    first = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )
    refresh = first["AuthenticationResult"]["RefreshToken"]
    access = first["AuthenticationResult"]["AccessToken"]

    def issue() -> None:
        idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh},
        )

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key()
    message = access.rsplit(".", 1)[0].encode()
    signature = key.sign(message, padding.PKCS1v15(), hashes.SHA256())

    issued = 2 * per_second(issue)
    sign_floor = per_second(lambda: key.sign(message, padding.PKCS1v15(), hashes.SHA256()))
    verified = per_second(lambda: pool.verify(access, token_use="access"))
    verify_floor = per_second(
        lambda: public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    )

    bridge_cloud = Cloud(clock=ManualClock())
    with mock_aws(bridge_cloud):
        ours_idp = boto3.client("cognito-idp", region_name="us-east-1")
        ours_srp = _srp_login_seconds(ours_idp, *_setup(ours_idp))
    moto_srp: float | None
    try:
        import moto

        with moto.mock_aws():
            moto_idp = boto3.client(
                "cognito-idp",
                region_name="us-east-1",
                aws_access_key_id="x",
                aws_secret_access_key="x",
            )
            moto_srp = _srp_login_seconds(moto_idp, *_setup(moto_idp))
    except Exception as exc:  # moto missing or unable: report, don't fail the run
        print(f"moto SRP login skipped: {exc!r}")
        moto_srp = None

    rows = [
        [
            "tokens issued/s (REFRESH_TOKEN_AUTH, 2 JWTs per call)",
            f"{issued:,.0f}",
            f"bare RSA-2048 sign: {sign_floor:,.0f}/s",
            f"{issued / sign_floor:.2f}x",
        ],
        [
            "tokens verified/s (`pool.verify`)",
            f"{verified:,.0f}",
            f"bare RSA-2048 verify: {verify_floor:,.0f}/s",
            f"{verified / verify_floor:.2f}x",
        ],
        [
            "one SRP login, pycognito via boto3 (ms)",
            f"{ours_srp * 1000:.1f}",
            "moto (no SRP maths): " + (f"{moto_srp * 1000:.1f}" if moto_srp else "n/a"),
            f"{moto_srp / ours_srp:.2f}x" if moto_srp else "n/a",
        ],
    ]
    text = (
        "Cognito: tokens against the floor of bare RSA with `cryptography`, and a full SRP "
        "login against moto. Ratio > 1 means pyserverless is faster (for the login: "
        "moto's time / ours).\n\n"
        + table(["measure", "pyserverless", "peer / floor", "ratio"], rows)
    )
    print(text)
    record("cognito", text)


if __name__ == "__main__":
    main()
