"""Resource-based policies: AddPermission, RemovePermission, GetPolicy, the
Put/Get/DeleteResourcePolicy trio, and layer version permissions.

A base class of :class:`~pyserverless.lambda_._engine.LambdaService`. A function's
policy lives per qualifier (the unqualified function, a version, an alias); its
``RevisionId`` is the revision of what it is attached to, and every change to the
policy gives that a new one (as AWS does). Policies are evaluated for the doors that
invoke on a principal's behalf: function URLs today, and :meth:`PolicyOps.permits` for
the services that will check them before invoking (S3, EventBridge, API Gateway).
"""

from __future__ import annotations

import fnmatch
import json
import re
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as msg
from ._errors import (
    InvalidParameterValueException,
    LambdaError,
    PreconditionFailedException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from ._validate import parse_function_name, qualifier_missing

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._layers import LayerStore, LayerVersion
    from ._model import FunctionConfig, FunctionState

__all__ = ["PolicyLengthExceededException", "PolicyOps", "statement_allows"]

#: A function's (or layer version's) policy document may hold this many bytes [D] B1.
MAX_POLICY_BYTES = 20480
_POLICY_ID = "default"
_ACCOUNT = re.compile(r"^\d{12}$")
_SERVICE = re.compile(r"^[a-z0-9.-]+\.(amazonaws\.com|amazon\.com|aws\.internal)$")
_IAM_ARN = re.compile(r"^arn:aws[a-zA-Z-]*:(iam|sts)::\d{12}:\S+$")

# Texts [O] as AWS answers (terraform, cargo-lambda and SDK issue reports).
SID_EXISTS = (
    "The statement id ({sid}) provided already exists. Please provide a new statement id, "
    "or remove the existing statement."
)
SID_MISSING = "Statement {sid} is not found in resource policy."
NO_POLICY = "No policy is associated with the given resource."
NOT_FOUND = "The resource you requested does not exist."
LATEST_POLICY = "We currently do not support adding policies for $LATEST."
BAD_PRINCIPAL = "The provided principal was invalid. Please check the principal and try again."
TOO_LONG = "The final policy size ({size}) is bigger than the limit ({limit})."
BAD_DOCUMENT = "The policy document is not valid JSON."


class PolicyLengthExceededException(LambdaError):
    """The policy would be larger than Lambda's 20 KB limit."""


@attrs.define(eq=False)
class _Book:
    """One function's statements per qualifier (``""``: the unqualified function)."""

    fn: FunctionState
    statements: dict[str, list[dict[str, Any]]] = attrs.Factory(dict)


@attrs.define(eq=False)
class _LayerPolicy:
    layer: LayerVersion
    revision_id: str
    statements: list[dict[str, Any]] = attrs.Factory(list)


def _principal(value: str, account: str) -> Any:
    """The Principal element AWS writes for AddPermission's ``Principal``."""
    if value == "*":
        return "*"
    if _ACCOUNT.match(value):
        return {"AWS": f"arn:aws:iam::{value}:root"}
    if _IAM_ARN.match(value):
        return {"AWS": value}
    if _SERVICE.match(value):
        return {"Service": value}
    raise InvalidParameterValueException(BAD_PRINCIPAL)


def _document(statements: list[dict[str, Any]]) -> str:
    return json.dumps(
        {"Version": "2012-10-17", "Id": _POLICY_ID, "Statement": statements},
        separators=(",", ":"),
    )


def _arn_like(pattern: str, value: str) -> bool:
    # ArnLike / StringLike: * and ? are wildcards, nothing else is.
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def statement_allows(
    statement: Mapping[str, Any],
    action: str,
    principal: str,
    context: Mapping[str, str | None],
) -> bool:
    """Whether one Allow statement lets ``principal`` do ``action`` given ``context``
    (condition keys such as ``AWS:SourceArn`` to values; a key the caller does not
    bring fails the condition).

    >>> s = {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
    ...      "Action": "lambda:InvokeFunction",
    ...      "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::photos"}}}
    >>> statement_allows(s, "lambda:InvokeFunction", "s3.amazonaws.com",
    ...                  {"AWS:SourceArn": "arn:aws:s3:::photos"})
    True
    >>> statement_allows(s, "lambda:InvokeFunction", "s3.amazonaws.com", {})
    False
    """
    if statement.get("Effect") != "Allow":
        return False
    actions = statement.get("Action")
    listed = [actions] if isinstance(actions, str) else list(actions or ())
    if not any(a in (action, "lambda:*", "*") for a in listed):
        return False
    if not _principal_matches(statement.get("Principal"), principal):
        return False
    for operator, pairs in (statement.get("Condition") or {}).items():
        for key, expected in pairs.items():
            got = _lookup_key(context, key)
            if got is None:
                return False
            wanted = expected if isinstance(expected, list) else [expected]
            if operator in ("ArnLike", "StringLike"):
                ok = any(_arn_like(str(w), got) for w in wanted)
            elif operator == "Bool":
                ok = got.lower() in (str(w).lower() for w in wanted)
            else:  # StringEquals, ArnEquals
                ok = got in (str(w) for w in wanted)
            if not ok:
                return False
    return True


def _lookup_key(context: Mapping[str, str | None], key: str) -> str | None:
    # Condition keys are case-insensitive (AWS:SourceArn and aws:SourceArn are one key).
    lower = key.lower()
    for name, value in context.items():
        if name.lower() == lower:
            return value
    return None


def _principal_matches(element: Any, principal: str) -> bool:
    if element == "*":
        return True
    if not isinstance(element, dict):
        return False
    for kind, values in element.items():
        listed = [values] if isinstance(values, str) else list(values)
        for value in listed:
            if value == "*" or value == principal:
                return True
            if kind != "AWS" or not value.endswith(":root"):
                continue
            if _ACCOUNT.match(principal) and value.endswith(f"::{principal}:root"):
                return True
            if _IAM_ARN.match(principal) and principal.split(":")[4] == value.split(":")[4]:
                return True
    return False


class PolicyOps:
    """Function and layer version policies (engine side)."""

    cloud: Cloud
    region: str
    layers: LayerStore
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _lookup(
            self, ref: str, qualifier: str | None = None
        ) -> tuple[FunctionState, str | None]: ...

        def _config_for(self, fn: FunctionState, qualifier: str | None) -> FunctionConfig: ...

        def _check_revision(self, current: str, given: str | None) -> None: ...

        def _revision(self) -> str: ...

        def function_arn(self, name: str) -> str: ...

        def bump_revision(self, ref: str) -> str: ...

    # -- storage -------------------------------------------------------------------------
    def _books(self) -> dict[str, _Book]:
        books: dict[str, _Book] | None = self.__dict__.get("_policy_books")
        if books is None:
            books = self.__dict__["_policy_books"] = {}
        return books

    def _book(self, fn: FunctionState) -> _Book:
        """The function's policies (a deleted and re-created function starts with none)."""
        books = self._books()
        book = books.get(fn.name)
        if book is None or book.fn is not fn:
            book = books[fn.name] = _Book(fn)
        return book

    def _target(
        self,
        ref: str,
        qualifier: str | None,
        *,
        adding: bool,
        removing: bool = False,
        reading: bool = False,
    ) -> tuple[FunctionState, str]:
        """(function, policy key): ``""`` for the function, else the version or alias.

        A qualifier that names nothing is AWS's 404 in the words each operation uses
        (``reading``: GetPolicy's "does not exist"; else "Cannot find alias arn" or
        "Function not found"); RemovePermission on a missing function is "No policy
        found for" it (localstack's AWS-recorded test_permission_exceptions)."""
        try:
            fn, q = self._lookup(ref, qualifier)
        except ResourceNotFoundException as exc:
            if removing and qualifier is None:
                raise ResourceNotFoundException(
                    exc.message.replace("Function not found: ", "No policy found for: ")
                ) from None
            raise
        if q == "$LATEST":
            if adding:
                raise InvalidParameterValueException(LATEST_POLICY)
            q = None
        if q is not None and q not in fn.versions and q not in fn.aliases:
            if reading:
                raise ResourceNotFoundException(NOT_FOUND)
            raise qualifier_missing(fn.arn, q)
        return fn, q or ""

    def _drop_alias_policy(self, fn: FunctionState, alias: str) -> None:
        book = self._books().get(fn.name)
        if book is not None and book.fn is fn:
            book.statements.pop(alias, None)

    def _target_revision(self, fn: FunctionState, key: str) -> str:
        if not key:
            return fn.latest.revision_id
        if key in fn.versions:
            return fn.versions[key].revision_id
        return fn.aliases[key].revision_id

    def _bump(self, fn: FunctionState, key: str) -> None:
        """Give what the policy is attached to a new RevisionId (its environments stay)."""
        if not key:
            self.bump_revision(fn.name)
            return
        new = self._revision()
        if key in fn.versions:
            old = fn.versions[key].revision_id
            fn.versions[key] = attrs.evolve(fn.versions[key], revision_id=new)
            for env in fn.pools.get(key, ()):  # a permission does not recycle environments
                if getattr(env, "revision", None) == old:
                    env.revision = new
        else:
            fn.aliases[key] = attrs.evolve(fn.aliases[key], revision_id=new)

    def _resource_arn(self, fn: FunctionState, key: str) -> str:
        return fn.arn if not key else f"{fn.arn}:{key}"

    # -- AddPermission / RemovePermission / GetPolicy --------------------------------------
    def add_permission(
        self,
        ref: str,
        statement_id: str,
        action: str,
        principal: str,
        *,
        qualifier: str | None = None,
        source_arn: str | None = None,
        source_account: str | None = None,
        event_source_token: str | None = None,
        principal_org_id: str | None = None,
        function_url_auth_type: str | None = None,
        invoked_via_function_url: bool | None = None,
        revision_id: str | None = None,
    ) -> str:
        """AddPermission: add a statement to the policy; returns it as a JSON string.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: 1)
        >>> import json
        >>> statement = json.loads(engine.add_permission("f", "s3", "lambda:InvokeFunction",
        ...     "s3.amazonaws.com", source_arn="arn:aws:s3:::photos"))
        >>> statement["Principal"], statement["Condition"]
        ({'Service': 's3.amazonaws.com'}, {'ArnLike': {'AWS:SourceArn': 'arn:aws:s3:::photos'}})
        >>> engine.permits("arn:aws:lambda:us-east-1:123456789012:function:f",
        ...     "s3.amazonaws.com", "arn:aws:s3:::photos")
        True
        """
        fn, key = self._target(ref, qualifier, adding=True)
        account = self.cloud.account_id
        element = _principal(principal, account)
        statement: dict[str, Any] = {
            "Sid": statement_id,
            "Effect": "Allow",
            "Principal": element,
            "Action": action,
            "Resource": self._resource_arn(fn, key),
        }
        equals: dict[str, str] = {}  # in AWS's order (localstack's recorded statements)
        if function_url_auth_type is not None:
            equals["lambda:FunctionUrlAuthType"] = function_url_auth_type
        if principal_org_id is not None:
            equals["aws:PrincipalOrgID"] = principal_org_id
        if source_account is not None:
            equals["AWS:SourceAccount"] = source_account
        if event_source_token is not None:
            equals["lambda:EventSourceToken"] = event_source_token
        condition: dict[str, Any] = {}
        if equals:
            condition["StringEquals"] = equals
        if source_arn is not None:
            condition["ArnLike"] = {"AWS:SourceArn": source_arn}
        if invoked_via_function_url:
            condition["Bool"] = {"lambda:InvokedViaFunctionUrl": "true"}
        if condition:
            statement["Condition"] = condition
        with self._lock:
            book = self._book(fn)
            self._check_revision(self._target_revision(fn, key), revision_id)
            current = book.statements.get(key, [])
            if any(s["Sid"] == statement_id for s in current):
                raise ResourceConflictException(SID_EXISTS.format(sid=statement_id))
            _check_size([*current, statement])
            book.statements[key] = [*current, statement]
            self._bump(fn, key)
        return json.dumps(statement, separators=(",", ":"))

    def remove_permission(
        self,
        ref: str,
        statement_id: str,
        *,
        qualifier: str | None = None,
        revision_id: str | None = None,
    ) -> None:
        """RemovePermission: drop one statement (the policy goes with its last)."""
        fn, key = self._target(ref, qualifier, adding=False, removing=True)
        with self._lock:
            book = self._book(fn)
            current = book.statements.get(key)
            if not current:
                raise ResourceNotFoundException(NO_POLICY)
            self._check_revision(self._target_revision(fn, key), revision_id)
            kept = [s for s in current if s["Sid"] != statement_id]
            if len(kept) == len(current):
                raise ResourceNotFoundException(SID_MISSING.format(sid=statement_id))
            if kept:
                book.statements[key] = kept
            else:
                del book.statements[key]
            self._bump(fn, key)

    def get_policy(self, ref: str, qualifier: str | None = None) -> tuple[str, str]:
        """GetPolicy: (the policy document as a JSON string, its RevisionId)."""
        fn, key = self._target(ref, qualifier, adding=False, reading=True)
        with self._lock:
            statements = self._book(fn).statements.get(key)
            if not statements:
                raise ResourceNotFoundException(NOT_FOUND)
            return _document(statements), self._target_revision(fn, key)

    def policy_statements(self, ref: str, qualifier: str | None = None) -> list[dict[str, Any]]:
        """The statements of a function's policy (or of a version's or alias's)."""
        fn, key = self._target(ref, qualifier, adding=False)
        with self._lock:
            return [dict(s) for s in self._book(fn).statements.get(key, ())]

    # -- evaluation --------------------------------------------------------------------------
    def permits(
        self,
        function_arn: str,
        principal: str,
        source_arn: str | None = None,
        source_account: str | None = None,
        *,
        action: str = "lambda:InvokeFunction",
        context: Mapping[str, str | None] | None = None,
    ) -> bool:
        """Whether the function's resource policy lets ``principal`` (a service such as
        ``s3.amazonaws.com``, an account id, an IAM ARN) invoke ``function_arn``.

        The policy checked is the one attached to what the ARN names: the unqualified
        function (or ``$LATEST``), a version or an alias. ``source_arn`` and
        ``source_account`` feed the ``AWS:SourceArn`` / ``AWS:SourceAccount``
        conditions; ``context`` adds other condition keys. An unknown function is not
        permitted. Only Allow statements exist in AddPermission's policies; a Deny in a
        document given to PutResourcePolicy wins over any Allow.
        """
        parsed = parse_function_name(function_arn) if isinstance(function_arn, str) else None
        if parsed is None:
            return False
        name, qualifier = parsed
        try:
            fn, key = self._target(name, qualifier, adding=False)
        except LambdaError:
            return False
        keys: dict[str, str | None] = {
            "AWS:SourceArn": source_arn,
            "AWS:SourceAccount": source_account,
        }
        keys.update(context or {})
        with self._lock:
            statements = list(self._book(fn).statements.get(key, ()))
        return _evaluate(statements, action, principal, keys)

    # -- Put/Get/DeleteResourcePolicy --------------------------------------------------------
    def _policy_target(self, resource_arn: str) -> tuple[FunctionState, str]:
        parsed = parse_function_name(resource_arn) if ":function:" in resource_arn else None
        if parsed is None:  # a runtime ARN: nothing of the kind exists here
            raise ResourceNotFoundException(NOT_FOUND)
        name, qualifier = parsed
        return self._target(name, qualifier, adding=False)

    def put_resource_policy(
        self, resource_arn: str, policy: str, revision_id: str | None = None
    ) -> tuple[str, str]:
        """PutResourcePolicy: replace the policy of a function, version or alias with a
        whole document; returns (the document, its new RevisionId)."""
        fn, key = self._policy_target(resource_arn)
        statements = _parse_document(policy)
        with self._lock:
            self._check_revision(self._target_revision(fn, key), revision_id)
            self._book(fn).statements[key] = statements
            self._bump(fn, key)
            return _document(statements), self._target_revision(fn, key)

    def get_resource_policy(self, resource_arn: str) -> tuple[str, str]:
        """GetResourcePolicy: (the document, its RevisionId) of a function, version or alias."""
        fn, key = self._policy_target(resource_arn)
        return self.get_policy(fn.name, key or None)

    def delete_resource_policy(self, resource_arn: str, revision_id: str | None = None) -> None:
        """DeleteResourcePolicy: remove the whole policy."""
        fn, key = self._policy_target(resource_arn)
        with self._lock:
            book = self._book(fn)
            if not book.statements.get(key):
                raise ResourceNotFoundException(NOT_FOUND)
            self._check_revision(self._target_revision(fn, key), revision_id)
            del book.statements[key]
            self._bump(fn, key)

    # -- layer version permissions -----------------------------------------------------------
    def _layer_policies(self) -> dict[str, _LayerPolicy]:
        found: dict[str, _LayerPolicy] | None = self.__dict__.get("_layer_policies_by_arn")
        if found is None:
            found = self.__dict__["_layer_policies_by_arn"] = {}
        return found

    def _layer_policy(self, layer: LayerVersion) -> _LayerPolicy:
        book = self._layer_policies()
        entry = book.get(layer.arn)
        if entry is None or entry.layer is not layer:
            entry = book[layer.arn] = _LayerPolicy(layer, self._revision())
        return entry

    def add_layer_version_permission(
        self,
        layer_name: str,
        version_number: int,
        statement_id: str,
        action: str,
        principal: str,
        *,
        organization_id: str | None = None,
        revision_id: str | None = None,
    ) -> tuple[str, str]:
        """AddLayerVersionPermission: let an account (or everyone, ``"*"``) use a layer
        version; returns (the statement as JSON, the policy's new RevisionId)."""
        layer = self.layers.get(layer_name, version_number, policy=True)
        if principal != "*" and not _ACCOUNT.match(principal):
            raise InvalidParameterValueException(BAD_PRINCIPAL)
        if organization_id is not None and principal != "*":
            raise InvalidParameterValueException(
                "OrganizationId can only be used with a principal of '*'."
            )
        element = "*" if principal == "*" else {"AWS": f"arn:aws:iam::{principal}:root"}
        statement: dict[str, Any] = {
            "Sid": statement_id,
            "Effect": "Allow",
            "Principal": element,
            "Action": action,
            "Resource": layer.arn,
        }
        if organization_id is not None:
            statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": organization_id}}
        with self._lock:
            entry = self._layer_policy(layer)
            if revision_id is not None and revision_id != entry.revision_id:
                raise PreconditionFailedException(msg.LAYER_PRECONDITION)
            if any(s["Sid"] == statement_id for s in entry.statements):
                raise ResourceConflictException(SID_EXISTS.format(sid=statement_id))
            _check_size([*entry.statements, statement])
            entry.statements.append(statement)
            entry.revision_id = self._revision()
            return json.dumps(statement, separators=(",", ":")), entry.revision_id

    def remove_layer_version_permission(
        self,
        layer_name: str,
        version_number: int,
        statement_id: str,
        *,
        revision_id: str | None = None,
    ) -> None:
        """RemoveLayerVersionPermission: drop one statement of a layer version's policy."""
        layer = self.layers.get(layer_name, version_number, policy=True)
        with self._lock:
            entry = self._layer_policy(layer)
            if not entry.statements:
                raise ResourceNotFoundException(NO_POLICY)
            if revision_id is not None and revision_id != entry.revision_id:
                raise PreconditionFailedException(msg.LAYER_PRECONDITION)
            kept = [s for s in entry.statements if s["Sid"] != statement_id]
            if len(kept) == len(entry.statements):
                raise ResourceNotFoundException(SID_MISSING.format(sid=statement_id))
            entry.statements = kept
            entry.revision_id = self._revision()

    def get_layer_version_policy(self, layer_name: str, version_number: int) -> tuple[str, str]:
        """GetLayerVersionPolicy: (the policy as JSON, its RevisionId)."""
        layer = self.layers.get(layer_name, version_number, policy=True)
        with self._lock:
            entry = self._layer_policy(layer)
            if not entry.statements:
                raise ResourceNotFoundException(NO_POLICY)
            return _document(entry.statements), entry.revision_id


def _evaluate(
    statements: list[dict[str, Any]],
    action: str,
    principal: str,
    context: Mapping[str, str | None],
) -> bool:
    allowed = False
    for statement in statements:
        if statement.get("Effect") == "Deny":
            denied = dict(statement, Effect="Allow")
            if statement_allows(denied, action, principal, context):
                return False
        elif statement_allows(statement, action, principal, context):
            allowed = True
    return allowed


def _check_size(statements: list[dict[str, Any]]) -> None:
    size = len(_document(statements).encode())
    if size > MAX_POLICY_BYTES:
        raise PolicyLengthExceededException(TOO_LONG.format(size=size, limit=MAX_POLICY_BYTES))


def _parse_document(policy: str) -> list[dict[str, Any]]:
    """The statements of a PutResourcePolicy document (JSON with a Statement list)."""
    try:
        data = json.loads(policy)
    except (TypeError, ValueError):
        raise InvalidParameterValueException(BAD_DOCUMENT) from None
    statements = data.get("Statement") if isinstance(data, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise InvalidParameterValueException(BAD_DOCUMENT)
    if not all(_well_formed(s) for s in statements):
        raise InvalidParameterValueException(BAD_DOCUMENT)
    return [dict(s) for s in statements]


def _strings(value: Any) -> bool:
    """A string, or a non-empty list of strings (a policy element's value)."""
    if isinstance(value, str):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _well_formed(statement: Any) -> bool:
    """Whether a statement has the grammar :func:`statement_allows` reads."""
    if not isinstance(statement, dict) or statement.get("Effect") not in ("Allow", "Deny"):
        return False
    principal = statement.get("Principal")
    if principal != "*" and not (
        isinstance(principal, dict) and principal and all(_strings(v) for v in principal.values())
    ):
        return False
    if not _strings(statement.get("Action")):
        return False
    condition = statement.get("Condition", {})
    if not isinstance(condition, dict):
        return False
    return all(
        isinstance(pairs, dict) and all(_strings(v) for v in pairs.values())
        for pairs in condition.values()
    )
