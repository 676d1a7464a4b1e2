"""Thread safety: concurrent requests are atomic against each other."""

from __future__ import annotations

import threading
from typing import Any

from pyserverless.cognito import AppClient, UserPool

PASSWORD = "Passw0rd!"


class TestConcurrentSignUp:
    def test_same_username_once(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """Of many threads signing up one username, exactly one succeeds."""
        results: list[str] = []
        lock = threading.Lock()

        def attempt() -> None:
            try:
                idp.sign_up(ClientId=app.client_id, Username="same", Password=PASSWORD)
                outcome = "ok"
            except Exception as exc:
                outcome = getattr(exc, "code", repr(exc))
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=attempt) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == ["UsernameExistsException"] * 7 + ["ok"]
        assert [u.username for u in pool.users()] == ["same"]

    def test_many_users_and_logins(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any
    ) -> None:
        """Parallel sign-ups and logins all land; every token verifies."""
        make_user("ann")
        tokens: list[str] = []
        errors: list[BaseException] = []

        def work(i: int) -> None:
            try:
                for j in range(5):
                    idp.sign_up(ClientId=app.client_id, Username=f"u{i}-{j}", Password=PASSWORD)
                    out = idp.initiate_auth(
                        ClientId=app.client_id,
                        AuthFlow="USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
                    )
                    tokens.append(out["AuthenticationResult"]["AccessToken"])
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(pool.users()) == 21
        assert len({pool.verify(t)["jti"] for t in tokens}) == 20
