"""The fixed-base table for g (issue 14): the same numbers as ``pow``, only sooner."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pyserverless.cognito._srp import G, N, SrpServer, Verifier, g_pow, make_verifier


class TestGPow:
    @given(st.integers(min_value=0, max_value=2**256 - 1))
    def test_equals_pow(self, exponent: int) -> None:
        """Every exponent the table covers gives pow's answer."""
        assert g_pow(exponent) == pow(G, exponent, N)

    def test_edges(self) -> None:
        """0, 1, the largest covered exponent, and beyond it (pow itself)."""
        for exponent in (0, 1, 2**7 - 1, 2**7, 2**256 - 1, 2**256, 2**400 + 3):
            assert g_pow(exponent) == pow(G, exponent, N)

    def test_verifier_unchanged(self) -> None:
        """A verifier is still g^x for the SDKs' x."""
        verifier = make_verifier("Abc", "alice", "Passw0rd!", salt_int=12345)
        from pyserverless.cognito._srp import _x

        assert verifier.value == pow(G, _x("Abc", "alice", "Passw0rd!", verifier.salt), N)

    def test_k_times_v_cached(self) -> None:
        """B uses the user's k*v, kept with the verifier, and is k*v + g^b."""
        from pyserverless.cognito._srp import _K

        verifier = Verifier("0f", 123456789)
        assert verifier.k_times_v == _K * 123456789 % N
        server = SrpServer(verifier, b=99)
        assert server.big_b == (_K * 123456789 + pow(G, 99, N)) % N
