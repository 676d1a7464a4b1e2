"""RS256 JSON Web Tokens: per-pool RSA keys, signing, the JWKS, and strict verification.

Keys are deterministic for a given seed: the primes are drawn from a ``random.Random``
seeded with (Cloud seed, pool id, key use), so the same Cloud seed gives the same pool
keys, and the same tokens, on every run. Generation is cached per (seed, pool, use, bits).

>>> keys = KeyPair.derive(seed=0, pool_id="us-east-1_Abc", use="id", bits=1024)
>>> token = sign({"sub": "x", "n": 1}, keys)
>>> decode(token, {keys.kid: keys})["n"]
1
>>> keys.jwk()["alg"], keys.jwk()["kty"]
('RS256', 'RSA')
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import random
from collections.abc import Mapping
from typing import Any

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

__all__ = ["KeyPair", "TokenError", "b64url", "decode", "decode_with_key", "sign"]

_E = 65537
_SIEVE_LIMIT = 20000
_SIEVE_WIDTH = 4096
_SMALL_PRIMES = [p for p in range(3, _SIEVE_LIMIT) if all(p % d for d in range(2, int(p**0.5) + 1))]


class TokenError(ValueError):
    """A token that fails to parse or verify; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


_FROM_URLSAFE = bytes.maketrans(b"-_", b"+/")
_PKCS1 = padding.PKCS1v15()
_SHA256 = hashes.SHA256()


def _unb64url(text: str) -> bytes:
    """A JWS segment: base64url without padding (RFC 7515, section 2). Standard base64's
    ``+``, ``/`` and ``=`` are refused, as PyJWT and joserfc refuse them (one token, one
    spelling); strict decoding refuses every other character outside the alphabet."""
    if "+" in text or "/" in text or "=" in text or len(text) % 4 == 1:
        raise ValueError("not base64url")
    data = text.encode("ascii").translate(_FROM_URLSAFE)
    return binascii.a2b_base64(data + b"=" * (-len(data) % 4), strict_mode=True)


@functools.lru_cache(maxsize=64)
def _header(segment: str) -> Any:
    # A pool signs every token under one of two headers: parse each once. A pure function
    # of its argument, so the cache shares no state between Clouds.
    return json.loads(_unb64url(segment))


def _int_b64(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def _is_probable_prime(n: int, rng: random.Random, rounds: int = 5) -> bool:
    # Miller-Rabin; 5 rounds suffice for random candidates of 1024 bits (FIPS 186-4, C.3).
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int, rng: random.Random) -> int:
    """A random prime of ``bits`` bits (top two set), found by sieving a window of odd numbers."""
    while True:
        base = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        alive = bytearray([1]) * _SIEVE_WIDTH  # alive[i] <=> base + 2i may be prime
        for p in _SMALL_PRIMES:
            first = (-base * pow(2, -1, p)) % p
            alive[first::p] = bytes(len(range(first, _SIEVE_WIDTH, p)))
        for i in range(_SIEVE_WIDTH):
            if not alive[i]:
                continue
            candidate = base + 2 * i
            if candidate.bit_length() != bits or (candidate - 1) % _E == 0:
                continue
            if pow(2, candidate - 1, candidate) == 1 and _is_probable_prime(candidate, rng):
                return candidate


@functools.lru_cache(maxsize=256)
def _derived_key(seed: str, bits: int) -> rsa.RSAPrivateKey:
    # A pure function of its arguments, so caching it shares no state between Clouds.
    rng = random.Random(seed)
    while True:
        p, q = _prime(bits // 2, rng), _prime(bits // 2, rng)
        if p != q:
            break
    p, q = max(p, q), min(p, q)
    n = p * q
    d = pow(_E, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=d % (p - 1),
        dmq1=d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(_E, n),
    )
    return numbers.private_key()


@attrs.frozen(repr=False)
class KeyPair:
    """One RSA signing key and its ``kid``."""

    private_key: rsa.RSAPrivateKey
    kid: str
    public_key: rsa.RSAPublicKey = attrs.field(
        default=attrs.Factory(lambda self: self.private_key.public_key(), takes_self=True),
        eq=False,
    )

    @classmethod
    def from_private_key(cls, key: rsa.RSAPrivateKey) -> KeyPair:
        """Wrap an injected key; its ``kid`` is derived from the public key."""
        der = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return cls(key, base64.b64encode(hashlib.sha256(der).digest()).decode())

    @classmethod
    def derive(cls, *, seed: object, pool_id: str, use: str, bits: int) -> KeyPair:
        """The deterministic key of ``pool_id`` for ``use`` ("id" or "access")."""
        return cls.from_private_key(_derived_key(f"{seed!r}/{pool_id}/{use}", bits))

    @functools.cached_property
    def header(self) -> str:
        """The encoded JOSE header of the tokens this key signs: ``{"kid", "alg": "RS256"}``."""
        return b64url(json.dumps({"kid": self.kid, "alg": "RS256"}, separators=(",", ":")).encode())

    def jwk(self) -> dict[str, str]:
        """The public half as a JWK, in the key order Cognito's JWKS uses."""
        pub = self.public_key.public_numbers()
        return {
            "alg": "RS256",
            "e": _int_b64(pub.e),
            "kid": self.kid,
            "kty": "RSA",
            "n": _int_b64(pub.n),
            "use": "sig",
        }

    def __repr__(self) -> str:
        return f"KeyPair(kid={self.kid!r}, bits={self.private_key.key_size})"


def sign(claims: Mapping[str, Any], keys: KeyPair) -> str:
    """A compact RS256 JWS of ``claims`` with header ``{"kid", "alg"}``."""
    header = keys.header
    body = b64url(json.dumps(dict(claims), separators=(",", ":")).encode())
    signing_input = f"{header}.{body}".encode()
    signature = keys.private_key.sign(signing_input, _PKCS1, _SHA256)
    return f"{header}.{body}.{b64url(signature)}"


def decode(token: str, keys: Mapping[str, KeyPair]) -> dict[str, Any]:
    """The claims of ``token`` if its RS256 signature is good under one of ``keys`` (by kid).

    Only the signature and form are checked here; the pool checks the claims.
    """
    return decode_with_key(token, keys)[1]


def decode_with_key(token: str, keys: Mapping[str, KeyPair]) -> tuple[KeyPair, dict[str, Any]]:
    """Like ``decode``, also returning the key that verified the token."""
    if not isinstance(token, str):
        raise TokenError("malformed")
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("malformed")
    try:
        header = _header(parts[0])
        claims = json.loads(_unb64url(parts[1]))
        signature = _unb64url(parts[2])
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise TokenError("malformed") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise TokenError("malformed")
    if header.get("alg") != "RS256":
        raise TokenError("algorithm")
    pair = keys.get(header.get("kid", ""))
    if pair is None:
        raise TokenError("key")
    try:
        pair.public_key.verify(signature, f"{parts[0]}.{parts[1]}".encode(), _PKCS1, _SHA256)
    except InvalidSignature as exc:
        raise TokenError("signature") from exc
    return pair, claims
