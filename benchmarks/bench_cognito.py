"""Cognito tokens and SRP: pyserverless against the floor of bare RSA, and against moto.

* tokens issued per second: REFRESH_TOKEN_AUTH through the client layer (two RS256 JWTs per
  call: ID and access, with every claim), against a bare ``cryptography`` RSA-2048
  PKCS#1 v1.5 SHA-256 signature per second (the floor: signing is the cost);
* tokens verified per second: ``pool.verify`` (signature, issuer, use, expiry, revocation)
  against a bare RSA verify per second;
* one full SRP login with pycognito's ``AWSSRP`` through boto3 (the in-process bridge),
  against the same login on moto (which accepts any password proof, so does no SRP maths);
* SignUp + AdminConfirmSignUp, and a USER_PASSWORD_AUTH sign-in, with the test password
  cost (the pytest plugin's default), through the client layer and through boto3 on the
  bridge, against boto3 on moto: medians of alternating blocks.

Run: ``python -m benchmarks bench_cognito``.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pycognito.aws_srp import AWSSRP

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock, mock_aws

PASSWORD = "Passw0rd!"
CHEAP = {"cognito-idp": {"password_hash_cost": 1}}
_NAMES = itertools.count()


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


def _alternate(
    ours: Callable[[], object], floor: Callable[[], object], rounds: int = 7, n: int = 100
) -> tuple[float, float]:
    """Calls per second of ``ours`` and of ``floor``: medians of alternating blocks."""
    mine: list[float] = []
    bare: list[float] = []
    for _ in range(rounds):
        for fn, out in ((ours, mine), (floor, bare)):
            start = time.perf_counter()
            for _ in range(n):
                fn()
            out.append(n / (time.perf_counter() - start))
    return statistics.median(mine), statistics.median(bare)


def _sign_up(idp: Any, pool_id: str, client_id: str) -> None:
    name = f"u{next(_NAMES)}"
    idp.sign_up(ClientId=client_id, Username=name, Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username=name)


def _password_auth(idp: Any, pool_id: str, client_id: str) -> None:
    idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )


def _block(work: Callable[..., None], idp: Any, ids: tuple[str, str], n: int = 25) -> float:
    start = time.perf_counter()
    for _ in range(n):
        work(idp, *ids)
    return (time.perf_counter() - start) / n


def user_costs(rounds: int = 7) -> dict[str, dict[str, float]]:
    """Median ms of sign-up+confirm and password sign-in: client layer, bridge, moto,
    in alternating blocks (moto's data is kept between its blocks)."""
    import moto

    cloud = Cloud(clock=ManualClock(), limits=CHEAP)
    direct = cloud.client("cognito-idp")
    direct_ids = _setup(direct)
    with mock_aws(cloud):
        bridged = boto3.client("cognito-idp", region_name="us-east-1")
        bridged_ids = _setup(bridged)
    peer = moto.mock_aws()
    peer.start()
    moto_idp = boto3.client(
        "cognito-idp", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    moto_ids = _setup(moto_idp)
    peer.stop(remove_data=False)
    samples: dict[str, dict[str, list[float]]] = {}
    for _ in range(rounds):
        for work in (_sign_up, _password_auth):
            row = samples.setdefault(work.__name__, {"client": [], "bridge": [], "moto": []})
            row["client"].append(_block(work, direct, direct_ids))
            with mock_aws(cloud):
                row["bridge"].append(_block(work, bridged, bridged_ids))
            peer.start(reset=False)
            row["moto"].append(_block(work, moto_idp, moto_ids))
            peer.stop(remove_data=False)
    return {
        work: {door: statistics.median(times) * 1000 for door, times in row.items()}
        for work, row in samples.items()
    }


def _user_rows(costs: dict[str, dict[str, float]]) -> list[list[str]]:
    labels = {
        "_sign_up": "SignUp + AdminConfirmSignUp, test password cost (ms)",
        "_password_auth": "USER_PASSWORD_AUTH sign-in, test password cost (ms)",
    }
    rows = []
    for work, label in labels.items():
        c = costs[work]
        rows.append(
            [
                label,
                f"client {c['client']:.2f}; boto3 bridge {c['bridge']:.2f}",
                f"moto (boto3): {c['moto']:.2f}",
                f"{c['moto'] / c['client']:.2f}x client, {c['moto'] / c['bridge']:.2f}x bridge",
            ]
        )
    return rows


def main() -> None:
    cloud = Cloud(clock=ManualClock(), limits=CHEAP)
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

    issued, sign_floor = _alternate(
        issue, lambda: key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    )
    issued *= 2  # two JWTs per call
    verified, verify_floor = _alternate(
        lambda: pool.verify(access, token_use="access"),
        lambda: public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256()),
    )

    bridge_cloud = Cloud(clock=ManualClock(), limits=CHEAP)
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
    rows += _user_rows(user_costs())
    text = (
        "Cognito: tokens against the floor of bare RSA with `cryptography`; a full SRP "
        "login, sign-up and password sign-in against moto (medians of alternating blocks, "
        "test password cost). Ratio > 1 means pyserverless is faster (against moto: "
        "moto's time / ours).\n\n"
        + table(["measure", "pyserverless", "peer / floor", "ratio"], rows)
    )
    print(text)
    record("cognito", text)


if __name__ == "__main__":
    main()
