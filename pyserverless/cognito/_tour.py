"""The Cognito stop of ``pyserverless tour``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._errors import NotAuthorizedException
from ._srp import SrpClient, format_timestamp

__all__ = ["tour"]


def tour(cloud: Any, say: Callable[[str], None]) -> None:
    """Cognito: sign up, confirm from the outbox, SRP login, and a real JWT."""
    pool = cloud.cognito.create_user_pool("tour", AutoVerifiedAttributes=["email"])
    app = pool.create_client("tour-app")
    idp = cloud.client("cognito-idp")
    say(f"Created {pool!r} with {app!r}.")
    idp.sign_up(
        ClientId=app.client_id,
        Username="ada",
        Password="Analytical-3ngine",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
    )
    mail = pool.outbox[-1]
    say(f"SignUp 'sent' {mail.subject!r} to {mail.recipient}: {mail.body.strip()!r}")
    idp.confirm_sign_up(ClientId=app.client_id, Username="ada", ConfirmationCode=mail.code)
    say("Confirmed with that code; now an SRP login (the password never leaves the client).")
    srp = SrpClient(pool.suffix, a=cloud.ids.bits(256))
    challenge = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "ada", "SRP_A": srp.srp_a},
    )
    answer = srp.answer(
        challenge["ChallengeParameters"], "Analytical-3ngine", format_timestamp(cloud.now())
    )
    tokens = idp.respond_to_auth_challenge(
        ClientId=app.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
    )["AuthenticationResult"]
    claims = pool.verify(tokens["IdToken"], token_use="id")
    say(
        f"  ID token for {claims['cognito:username']} ({claims['email']}), "
        f"signed RS256 with kid {pool.jwks()['keys'][0]['kid'][:12]}..., "
        f"valid {claims['exp'] - claims['iat']} s."
    )
    cloud.advance(3600)
    try:
        pool.verify(tokens["AccessToken"])
    except NotAuthorizedException as exc:
        say(f"An hour later the access token is refused: {exc.code}: {exc.message}")
