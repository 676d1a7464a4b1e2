"""Function URLs (engine side): their configurations and how a request runs a function.

A base class of :class:`~pyserverless.lambda_._engine.LambdaService`. A URL belongs to
a function's ``$LATEST`` (no qualifier) or to one alias; a request becomes a payload 2.0
event, and the function's answer is read as an HTTP API reads a proxy answer
(``statusCode``/``headers``/``body``/``cookies``/``isBase64Encoded``, or any other JSON
value as a ``200 application/json`` body). See docs/lambda-urls.md.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import attrs

from ._errors import LambdaError, ResourceConflictException, ResourceNotFoundException
from ._extra import ExtraOps
from ._policy import NOT_FOUND, statement_allows
from ._url_answer import read_answer

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._model import FunctionConfig, FunctionState, Invocation

__all__ = ["FunctionUrl", "FunctionUrlConfig", "UrlOps", "UrlResponse"]

# Texts [O] as AWS answers (SDK parity tests).
FUNCTION_MISSING = "Function does not exist"
URL_EXISTS = (
    "Failed to create function url config for [functionArn = {arn}]. Error message:  "
    "FunctionUrlConfig exists for this Lambda function"
)
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
_TEXT_TYPES_MORE = ("application/x-www-form-urlencoded", "+json", "+xml")


def _stamp(moment: datetime) -> str:
    # CreationTime / LastModifiedTime: ISO 8601 with microseconds, UTC ("...Z").
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@attrs.frozen
class FunctionUrlConfig:
    """One function URL's configuration (GetFunctionUrlConfig as a value)."""

    url_id: str
    region: str
    function_name: str
    #: The function's ARN, qualified with the alias for an alias's URL.
    function_arn: str
    #: The alias, or None for the function's ``$LATEST``.
    qualifier: str | None
    auth_type: str
    cors: Mapping[str, Any] | None
    invoke_mode: str
    creation_time: str
    last_modified_time: str

    @property
    def url(self) -> str:
        """``https://{url-id}.lambda-url.{region}.on.aws/``, as AWS names it."""
        return f"https://{self.url_id}.lambda-url.{self.region}.on.aws/"

    @property
    def domain(self) -> str:
        return f"{self.url_id}.lambda-url.{self.region}.on.aws"

    def describe(self, *, created: bool = False) -> dict[str, Any]:
        """The API's shape (CreateFunctionUrlConfig's when ``created``)."""
        out: dict[str, Any] = {
            "FunctionUrl": self.url,
            "FunctionArn": self.function_arn,
            "AuthType": self.auth_type,
        }
        if self.cors is not None:
            out["Cors"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.cors.items()}
        out["CreationTime"] = self.creation_time
        if not created:
            out["LastModifiedTime"] = self.last_modified_time
        out["InvokeMode"] = self.invoke_mode
        return out


@attrs.frozen
class UrlResponse:
    """What an HTTP client receives from a function URL."""

    status: int
    #: In order; a name may repeat (``set-cookie``).
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (any case), or None."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    def json(self) -> Any:
        """The body, decoded as JSON."""
        return json.loads(self.body)


@attrs.define(eq=False)
class _Entry:
    fn: FunctionState
    key: str  # "$LATEST" or the alias
    config: FunctionUrlConfig


def _plain(status: int, message: str, error_type: str | None = None) -> UrlResponse:
    headers: list[tuple[str, str]] = [("Content-Type", "application/json")]
    if error_type is not None:
        headers.append(("x-amzn-ErrorType", error_type))
    return UrlResponse(status, tuple(headers), json.dumps({"Message": message}).encode())


class FunctionUrl:
    """A function URL to call from Python: ``engine.function_url("f").invoke(...)``.

    >>> from pyserverless import Cloud
    >>> engine = Cloud.manual().engine("lambda")
    >>> _ = engine.create_function("hi", handler=lambda e, c: {"path": e["rawPath"]})
    >>> _ = engine.create_function_url_config("hi", "NONE")
    >>> url = engine.function_url("hi")
    >>> url.invoke("GET", "/x").status  # no public permission yet
    403
    >>> _ = engine.add_permission("hi", "url", "lambda:InvokeFunctionUrl", "*",
    ...     function_url_auth_type="NONE")
    >>> _ = engine.add_permission("hi", "invoke", "lambda:InvokeFunction", "*",
    ...     invoked_via_function_url=True)
    >>> answer = url.invoke("GET", "/x")
    >>> answer.status, answer.json()
    (200, {'path': '/x'})
    """

    def __init__(self, engine: UrlOps, url_id: str) -> None:
        self._engine = engine
        self.url_id = url_id

    @property
    def config(self) -> FunctionUrlConfig:
        """The URL's current configuration."""
        return self._engine.url_config_by_id(self.url_id)

    @property
    def url(self) -> str:
        return self.config.url

    def invoke(
        self,
        method: str = "GET",
        path: str = "/",
        *,
        query: str = "",
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        body: bytes | str = b"",
        source_ip: str = "127.0.0.1",
        credentials: tuple[str, str] | None = None,
    ) -> UrlResponse:
        """Send one HTTP request to the URL; ``credentials`` (key, secret) sign it with
        SigV4 for the ``lambda`` service, as an ``AWS_IAM`` URL requires."""
        pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
        data = body.encode() if isinstance(body, str) else bytes(body)
        config = self.config
        if credentials is not None:
            from ..adapters._sigv4 import sign

            target = config.url.rstrip("/") + path + (f"?{query}" if query else "")
            signed = sign(method, target, dict(pairs), data, *credentials, config.region, "lambda")
            pairs = list(signed.items())
        return self._engine.invoke_url(
            self.url_id, method, path, query=query, headers=pairs, body=data, source_ip=source_ip
        )

    def __repr__(self) -> str:
        return f"<FunctionUrl {self.url_id}>"


class UrlOps(ExtraOps):
    """Function URL configurations and their invocation (engine side).

    Its base holds the state of the remaining operations (code signing, provisioned
    concurrency, runtime management), so the engine takes both through one hook.
    """

    cloud: Cloud
    region: str
    _lock: threading.RLock
    #: Whether a NONE URL also needs ``lambda:InvokeFunction`` for ``*`` (AWS requires it
    #: for URLs created since October 2025 [D] urls-auth.html).
    url_requires_invoke_function: bool = True
    #: Access key -> secret that sign AWS_IAM URL requests (the doors' test key by default).
    url_access_keys: Mapping[str, str] = {"testing": "testing"}

    if TYPE_CHECKING:
        functions: dict[str, FunctionState]

        def _lookup(
            self, ref: str, qualifier: str | None = None
        ) -> tuple[FunctionState, str | None]: ...

        def _config_for(self, fn: FunctionState, qualifier: str | None) -> FunctionConfig: ...

        def _now(self) -> datetime: ...

        def policy_statements(
            self, ref: str, qualifier: str | None = None
        ) -> list[dict[str, Any]]: ...

        def _drop_alias_policy(self, fn: FunctionState, alias: str) -> None: ...

        def invoke(
            self,
            ref: str,
            payload: bytes = b"",
            *,
            qualifier: str | None = None,
            invocation_type: str = "RequestResponse",
            log_type: str = "None",
            client_context: str | Mapping[str, Any] | None = None,
            identity: tuple[str | None, str | None] | None = None,
            deadline_seconds: float | None = None,
        ) -> Invocation: ...

    # -- storage -------------------------------------------------------------------------
    def _url_entries(self) -> dict[str, _Entry]:
        found: dict[str, _Entry] | None = self.__dict__.get("_url_entries_by_id")
        if found is None:
            found = self.__dict__["_url_entries_by_id"] = {}
        return found

    def _live(self, entry: _Entry) -> bool:
        fn = entry.fn
        if self.functions.get(fn.name) is not fn:
            return False
        return entry.key == "$LATEST" or entry.key in fn.aliases

    def _entry_for(self, fn: FunctionState, key: str) -> _Entry | None:
        entries = self._url_entries()
        for url_id, entry in list(entries.items()):
            if not self._live(entry):
                del entries[url_id]  # its function or alias is gone, and the URL with it
            elif entry.fn is fn and entry.key == key:
                return entry
        return None

    def _url_target(self, ref: str, qualifier: str | None) -> tuple[FunctionState, str]:
        try:
            fn, q = self._lookup(ref, qualifier)
        except ResourceNotFoundException:
            raise ResourceNotFoundException(FUNCTION_MISSING) from None
        key = q or "$LATEST"
        if key != "$LATEST" and key not in fn.aliases:
            raise ResourceNotFoundException(FUNCTION_MISSING)
        return fn, key

    def alias_deleted(self, fn: FunctionState, alias: str) -> None:
        """Forget what belonged to a deleted alias, as AWS does: its URL, its policy and
        its provisioned concurrency (a new alias of that name starts without them)."""
        with self._lock:
            entries = self._url_entries()
            for url_id, entry in list(entries.items()):
                if entry.fn is fn and entry.key == alias:
                    del entries[url_id]
            self._drop_alias_policy(fn, alias)
            self._extras(fn).provisioned.pop(alias, None)

    # -- the API ---------------------------------------------------------------------------
    def create_function_url_config(
        self,
        ref: str,
        auth_type: str,
        *,
        qualifier: str | None = None,
        cors: Mapping[str, Any] | None = None,
        invoke_mode: str | None = None,
    ) -> FunctionUrlConfig:
        """CreateFunctionUrlConfig: a URL for the function (or one alias of it)."""
        fn, key = self._url_target(ref, qualifier)
        with self._lock:
            existing = self._entry_for(fn, key)
            if existing is not None:
                arn = existing.config.function_arn
                raise ResourceConflictException(URL_EXISTS.format(arn=arn))
            url_id = self.cloud.ids.choice("abcdefghijklmnopqrstuvwxyz0123456789", 32)
            now = _stamp(self._now())
            config = FunctionUrlConfig(
                url_id=url_id,
                region=self.region,
                function_name=fn.name,
                function_arn=fn.arn if key == "$LATEST" else f"{fn.arn}:{key}",
                qualifier=None if key == "$LATEST" else key,
                auth_type=auth_type,
                cors=None if cors is None else _frozen_cors(cors),
                invoke_mode=invoke_mode or "BUFFERED",
                creation_time=now,
                last_modified_time=now,
            )
            self._url_entries()[url_id] = _Entry(fn, key, config)
            return config

    def get_function_url_config(self, ref: str, qualifier: str | None = None) -> FunctionUrlConfig:
        """GetFunctionUrlConfig."""
        try:
            fn, key = self._url_target(ref, qualifier)
        except ResourceNotFoundException:
            raise ResourceNotFoundException(NOT_FOUND) from None
        with self._lock:
            entry = self._entry_for(fn, key)
            if entry is None:
                raise ResourceNotFoundException(NOT_FOUND)
            return entry.config

    def update_function_url_config(
        self,
        ref: str,
        *,
        qualifier: str | None = None,
        auth_type: str | None = None,
        cors: Mapping[str, Any] | None = None,
        invoke_mode: str | None = None,
    ) -> FunctionUrlConfig:
        """UpdateFunctionUrlConfig: change what is given, keep the rest."""
        fn, key = self._url_target(ref, qualifier)
        with self._lock:
            entry = self._entry_for(fn, key)
            if entry is None:
                raise ResourceNotFoundException(NOT_FOUND)
            changes: dict[str, Any] = {"last_modified_time": _stamp(self._now())}
            if auth_type is not None:
                changes["auth_type"] = auth_type
            if cors is not None:
                changes["cors"] = _frozen_cors(cors)
            if invoke_mode is not None:
                changes["invoke_mode"] = invoke_mode
            entry.config = attrs.evolve(entry.config, **changes)
            return entry.config

    def delete_function_url_config(self, ref: str, qualifier: str | None = None) -> None:
        """DeleteFunctionUrlConfig: the URL stops answering at once."""
        try:
            fn, key = self._url_target(ref, qualifier)
        except ResourceNotFoundException:
            raise ResourceNotFoundException(NOT_FOUND) from None
        with self._lock:
            entry = self._entry_for(fn, key)
            if entry is None:
                raise ResourceNotFoundException(NOT_FOUND)
            del self._url_entries()[entry.config.url_id]

    def list_function_url_configs(self, ref: str) -> list[FunctionUrlConfig]:
        """ListFunctionUrlConfigs: the function's URLs, ``$LATEST``'s first."""
        try:
            fn, _ = self._lookup(ref)
        except ResourceNotFoundException:
            raise ResourceNotFoundException(FUNCTION_MISSING) from None
        with self._lock:
            self._entry_for(fn, "")  # drop the URLs of deleted aliases
            found = [e for e in self._url_entries().values() if e.fn is fn]
        found.sort(key=lambda e: (e.key != "$LATEST", e.key))
        return [e.config for e in found]

    def url_config_by_id(self, url_id: str) -> FunctionUrlConfig:
        """The configuration of the URL ``https://{url_id}.lambda-url...``."""
        entry = self._url_entries().get(url_id)
        if entry is None or not self._live(entry):
            raise ResourceNotFoundException(NOT_FOUND)
        return entry.config

    def function_url(self, ref: str, qualifier: str | None = None) -> FunctionUrl:
        """The URL of a function (or alias) as a :class:`FunctionUrl` to invoke."""
        return FunctionUrl(self, self.get_function_url_config(ref, qualifier).url_id)

    # -- invocation ----------------------------------------------------------------------------
    def invoke_url(
        self,
        url_id: str,
        method: str,
        path: str = "/",
        *,
        query: str = "",
        headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
        source_ip: str = "127.0.0.1",
    ) -> UrlResponse:
        """Answer one HTTP request to a function URL as AWS does: 403 unless the auth
        type's check passes, CORS preflight answered by the URL when CORS is set, then
        the function runs with a payload 2.0 event."""
        entry = self._url_entries().get(url_id)
        if entry is None or not self._live(entry):
            return _plain(404, "Not Found")  # an unknown host: nothing answers there
        config = entry.config
        pairs = [(str(k), str(v)) for k, v in headers]
        lower: dict[str, str] = {}
        for name, value in pairs:
            key = name.lower()
            lower[key] = f"{lower[key]},{value}" if key in lower else value
        cors = config.cors
        if (
            cors is not None
            and method.upper() == "OPTIONS"
            and "origin" in lower
            and "access-control-request-method" in lower
        ):
            return _preflight(cors, lower)
        denied = self._url_denied(entry, method, path, query, lower, body)
        if denied is not None:
            return denied
        event = self._url_event(config, method, path, query, lower, body, source_ip)
        answer = self._run_url(entry, event)
        if cors is not None and "origin" in lower:
            answer = _with_cors(answer, cors, lower["origin"])
        request_id = ("x-amzn-RequestId", event["requestContext"]["requestId"])
        return attrs.evolve(answer, headers=(*answer.headers, request_id))

    def _url_denied(
        self,
        entry: _Entry,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> UrlResponse | None:
        config = entry.config
        if config.auth_type == "AWS_IAM":
            secrets = _Secrets(self.url_access_keys, self.cloud, self.region)
            return _signature_denied(method, path, query, headers, body, secrets)
        statements = self.policy_statements(entry.fn.name, config.qualifier)
        context = {"lambda:FunctionUrlAuthType": "NONE", "lambda:InvokedViaFunctionUrl": "true"}
        needed = ["lambda:InvokeFunctionUrl"]
        if self.url_requires_invoke_function:
            needed.append("lambda:InvokeFunction")
        for action in needed:
            if not any(statement_allows(s, action, "*", context) for s in statements):
                return _plain(403, "Forbidden", "AccessDeniedException")
        return None

    def _url_event(
        self,
        config: FunctionUrlConfig,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        source_ip: str,
    ) -> dict[str, Any]:
        now = self.cloud.clock.now()
        seen = {k: v for k, v in headers.items() if k not in ("cookie", "authorization")}
        if "authorization" in headers and config.auth_type == "NONE":
            seen["authorization"] = headers["authorization"]
        seen.update(
            {
                "host": config.domain,
                "x-forwarded-proto": "https",
                "x-forwarded-port": "443",
                "x-forwarded-for": source_ip,
                "x-amzn-trace-id": f"Root=1-{int(now.timestamp()):08x}-{self.cloud.ids.hex(24)}",
            }
        )
        context: dict[str, Any] = {
            "accountId": "anonymous" if config.auth_type == "NONE" else self.cloud.account_id,
            "apiId": config.url_id,
            "domainName": config.domain,
            "domainPrefix": config.url_id,
            "http": {
                "method": method.upper(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": headers.get("user-agent", ""),
            },
            "requestId": self.cloud.ids.uuid(),
            "routeKey": "$default",
            "stage": "$default",
            "time": now.astimezone(UTC).strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(now.timestamp() * 1000),
        }
        if config.auth_type == "AWS_IAM":
            context["authorizer"] = {"iam": self._iam_identity(headers)}
        event: dict[str, Any] = {
            "version": "2.0",
            "routeKey": "$default",
            "rawPath": path,
            "rawQueryString": query,
        }
        if "cookie" in headers:
            event["cookies"] = [c.strip() for c in headers["cookie"].split(";") if c.strip()]
        event["headers"] = seen
        params: dict[str, str] = {}
        for name, value in parse_qsl(query, keep_blank_values=True):
            params[name] = f"{params[name]},{value}" if name in params else value
        if params:
            event["queryStringParameters"] = params
        event["requestContext"] = context
        text = _as_text(body, headers.get("content-type", ""))
        if body:
            event["body"] = text if text is not None else base64.b64encode(body).decode()
        event["isBase64Encoded"] = bool(body) and text is None
        return event

    def _iam_identity(self, headers: Mapping[str, str]) -> dict[str, Any]:
        """``requestContext.authorizer.iam``: who signed (through STS's ``credentials_for``
        when IAM or STS is in use; the account's root otherwise)."""
        credential = headers.get("authorization", "").partition("Credential=")[2]
        key = credential.split("/")[0]
        account = self.cloud.account_id
        arn, user_id = f"arn:aws:iam::{account}:root", account
        if self.cloud.regions_with("iam") or self.cloud.regions_with("sts"):
            caller = self.cloud.engine("sts", self.region).credentials_for(key)
            if caller is not None:
                arn, user_id = caller.arn, caller.user_id
        return {
            "accessKey": key,
            "accountId": account,
            "callerId": user_id,
            "cognitoIdentity": None,
            "principalOrgId": None,
            "userArn": arn,
            "userId": user_id,
        }

    def _run_url(self, entry: _Entry, event: dict[str, Any]) -> UrlResponse:
        qualifier = entry.config.qualifier
        try:
            inv = self.invoke(entry.fn.name, json.dumps(event).encode(), qualifier=qualifier)
        except LambdaError as err:
            if err.status in (413, 429):
                return _plain(err.status, err.message, err.code)
            return _plain(502, "Internal Server Error")
        if inv.function_error:
            return _plain(502, "Internal Server Error")
        answer = read_answer(inv.payload)
        if answer is None:
            return _plain(502, "Internal Server Error")
        status, headers, body = answer
        if not any(k.lower() == "content-type" for k, _ in headers):
            headers = (*headers, ("Content-Type", "application/json"))
        return UrlResponse(status, headers, body)


def _frozen_cors(cors: Mapping[str, Any]) -> Mapping[str, Any]:
    """A copy the caller's lists cannot change (lists become tuples)."""
    return MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in cors.items()})


def _as_text(body: bytes, content_type: str) -> str | None:
    """The body as text when its type is textual and it decodes, else None (base64)."""
    kind = content_type.split(";")[0].strip().lower()
    textual = not kind or kind.startswith(_TEXT_TYPES) or any(t in kind for t in _TEXT_TYPES_MORE)
    if not textual:
        return None
    try:
        return body.decode()
    except UnicodeDecodeError:
        return None


class _Secrets(Mapping[str, str]):
    """The secrets of the keys an AWS_IAM URL accepts: the engine's ``url_access_keys``,
    then the active access keys of the Cloud's IAM users (when IAM is in use)."""

    def __init__(self, fixed: Mapping[str, str], cloud: Cloud, region: str) -> None:
        self._fixed = fixed
        self._cloud = cloud
        self._region = region

    def __getitem__(self, key: str) -> str:
        found = self._fixed.get(key)
        if found is None and self._cloud.regions_with("iam"):
            iam = self._cloud.engine("iam", self._region)
            found = iam.secret_for_key(key)
        if found is None:
            raise KeyError(key)
        return str(found)

    def __iter__(self) -> Iterator[str]:
        return iter(self._fixed)

    def __len__(self) -> int:
        return len(self._fixed)


def _signature_denied(
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    secrets: Mapping[str, str],
) -> UrlResponse | None:
    from ..adapters._sigv4 import signature_problem
    from ..adapters._wire import WireRequest, auth_problem

    request = WireRequest(method.upper(), path, dict(headers), body, query)
    if auth_problem(request) is not None or "authorization" not in headers:
        return _plain(403, "Forbidden", "AccessDeniedException")
    problem = signature_problem(request, secrets)
    if problem is not None:
        code, message = problem
        return UrlResponse(
            403,
            (("Content-Type", "application/json"), ("x-amzn-ErrorType", code)),
            json.dumps({"message": message}).encode(),
        )
    return None


def _origin_allowed(cors: Mapping[str, Any], origin: str) -> str | None:
    allowed = [str(o) for o in cors.get("AllowOrigins") or ()]
    if "*" in allowed:
        return "*" if not cors.get("AllowCredentials") else origin
    return origin if origin in allowed else None


def _preflight(cors: Mapping[str, Any], headers: Mapping[str, str]) -> UrlResponse:
    out: list[tuple[str, str]] = []
    origin = _origin_allowed(cors, headers["origin"])
    if origin is not None:
        out.append(("Access-Control-Allow-Origin", origin))
        methods = [str(m) for m in cors.get("AllowMethods") or ()]
        if methods:
            out.append(("Access-Control-Allow-Methods", ",".join(methods)))
        allowed_headers = [str(h) for h in cors.get("AllowHeaders") or ()]
        if allowed_headers:
            out.append(("Access-Control-Allow-Headers", ",".join(allowed_headers)))
        if cors.get("AllowCredentials"):
            out.append(("Access-Control-Allow-Credentials", "true"))
        if cors.get("MaxAge") is not None:
            out.append(("Access-Control-Max-Age", str(cors["MaxAge"])))
    out.append(("Vary", "Origin"))
    return UrlResponse(200, tuple(out), b"")


def _with_cors(answer: UrlResponse, cors: Mapping[str, Any], origin: str) -> UrlResponse:
    # The URL's CORS settings replace any CORS headers the function returned.
    kept = [(k, v) for k, v in answer.headers if not k.lower().startswith("access-control-")]
    allowed = _origin_allowed(cors, origin)
    if allowed is not None:
        kept.append(("Access-Control-Allow-Origin", allowed))
        exposed = [str(h) for h in cors.get("ExposeHeaders") or ()]
        if exposed:
            kept.append(("Access-Control-Expose-Headers", ",".join(exposed)))
        if cors.get("AllowCredentials"):
            kept.append(("Access-Control-Allow-Credentials", "true"))
    kept.append(("Vary", "Origin"))
    return UrlResponse(answer.status, tuple(kept), answer.body)
