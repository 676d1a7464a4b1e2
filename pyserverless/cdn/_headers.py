"""Response headers policies, applied to what the cache or the origin answers.

Custom headers (``Override``: replace the origin's, else add only when absent), removed
headers, and the security headers (HSTS, X-Content-Type-Options, X-Frame-Options,
Referrer-Policy, Content-Security-Policy, X-XSS-Protection). CORS and Server-Timing
settings are not emulated: a cache behavior naming a policy that enables them is refused.

>>> policy = {"Name": "p", "SecurityHeadersConfig": {"ContentTypeOptions": {"Override": True},
...     "StrictTransportSecurity": {"Override": False, "AccessControlMaxAgeSec": 600,
...                                 "IncludeSubdomains": True}}}
>>> for header in apply(compile_policy(policy), [("Content-Type", "text/html")]):
...     print(header)
('Content-Type', 'text/html')
('Strict-Transport-Security', 'max-age=600; includeSubDomains')
('X-Content-Type-Options', 'nosniff')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["apply", "compile_policy", "unsupported"]

Rules = tuple[tuple[tuple[str, str, bool], ...], frozenset[str]]


def unsupported(config: Mapping[str, Any]) -> str | None:
    """The setting of ``config`` this emulation does not apply, if any."""
    if config.get("CorsConfig"):
        return "CorsConfig"
    if (config.get("ServerTimingHeadersConfig") or {}).get("Enabled"):
        return "ServerTimingHeadersConfig"
    return None


def _security(config: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    out: list[tuple[str, str, bool]] = []
    if (hsts := config.get("StrictTransportSecurity")) is not None:
        value = f"max-age={hsts.get('AccessControlMaxAgeSec', 0)}"
        value += "; includeSubDomains" if hsts.get("IncludeSubdomains") else ""
        value += "; preload" if hsts.get("Preload") else ""
        out.append(("Strict-Transport-Security", value, bool(hsts.get("Override"))))
    if (cto := config.get("ContentTypeOptions")) is not None:
        out.append(("X-Content-Type-Options", "nosniff", bool(cto.get("Override"))))
    if (frame := config.get("FrameOptions")) is not None:
        out.append(
            ("X-Frame-Options", str(frame.get("FrameOption", "")), bool(frame.get("Override")))
        )
    if (referrer := config.get("ReferrerPolicy")) is not None:
        out.append(
            (
                "Referrer-Policy",
                str(referrer.get("ReferrerPolicy", "")),
                bool(referrer.get("Override")),
            )
        )
    if (csp := config.get("ContentSecurityPolicy")) is not None:
        out.append(
            (
                "Content-Security-Policy",
                str(csp.get("ContentSecurityPolicy", "")),
                bool(csp.get("Override")),
            )
        )
    if (xss := config.get("XSSProtection")) is not None:
        value = "1" if xss.get("Protection") else "0"
        if xss.get("Protection") and xss.get("ModeBlock"):
            value += "; mode=block"
        elif xss.get("Protection") and xss.get("ReportUri"):
            value += f"; report={xss['ReportUri']}"
        out.append(("X-XSS-Protection", value, bool(xss.get("Override"))))
    return out


def compile_policy(config: Mapping[str, Any]) -> Rules:
    """(headers to set: (name, value, override), names to remove) of a policy config."""
    rules = _security(config.get("SecurityHeadersConfig") or {})
    for custom in (config.get("CustomHeadersConfig") or {}).get("Items") or []:
        rules.append((custom["Header"], custom["Value"], bool(custom["Override"])))
    removed = frozenset(
        r["Header"].lower() for r in (config.get("RemoveHeadersConfig") or {}).get("Items") or []
    )
    return tuple(rules), removed


def apply(rules: Rules, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``headers`` with the policy's headers set and its removed headers gone."""
    setting, removed = rules
    out = [h for h in headers if h[0].lower() not in removed]
    for name, value, override in setting:
        lower = name.lower()
        present = any(k.lower() == lower for k, _ in out)
        if present and not override:
            continue
        out = [h for h in out if h[0].lower() != lower]
        out.append((name, value))
    return out
