"""Hints for errors that are faithful but baffling.

An error keeps AWS's code and message, word for word. When that message leaves a
newcomer guessing (DynamoDB's "An string set  may not be empty", a bare "The conditional
request failed"), the error also carries a PEP 678 note (``err.__notes__``), which a
traceback prints under the message and which ``str(err)`` and ``err.response`` never
show. A note says what AWS means and what to do.

:class:`~pyserverless.AWSError` looks its code up in :data:`HINTS` once when it is built
(one dict lookup; only codes with hints go further), and so do the other places where a
baffling error is built: boto3's ``ClientError`` inside ``mock_aws``, a Lambda handler's
timeout (:class:`~pyserverless.lambda_.FunctionError`), boto3's float ``TypeError``.

>>> notes_for("ConditionalCheckFailedException", "The conditional request failed")[0][:60]
'hint: the ConditionExpression was false for the item as stor'
>>> notes_for("ValidationException", "Requested resource not found")
[]
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

__all__ = ["HINTS", "PREFIX", "add_hints", "hinted", "note_client_errors", "notes_for"]

#: Every note starts with this, so a reader (and a test) tells a hint from AWS's text.
PREFIX = "hint: "


class _Hints:
    """The hints of one code, in order: (what the message must contain, the note).

    A ``str`` is looked for as a substring (C-speed; most hints need nothing more), a
    compiled pattern is searched, and None matches any message. The first entry that
    matches gives the note: an error gets one hint at most.
    """

    __slots__ = ("entries",)

    def __init__(self, entries: tuple[tuple[str | re.Pattern[str] | None, str], ...]) -> None:
        self.entries = tuple((match, PREFIX + text) for match, text in entries)

    def note_for(self, message: str) -> str | None:
        for match, note in self.entries:
            if match is None:
                return note
            if isinstance(match, str):
                if match in message:
                    return note
            elif match.search(message):
                return note
        return None


def _hints(*entries: tuple[str | re.Pattern[str] | None, str]) -> _Hints:
    return _Hints(entries)


_EMPTY_SET = (
    "DynamoDB stores no empty sets (SS, NS, BS). To empty a set, REMOVE the attribute "
    "(UpdateExpression='REMOVE tags') or leave it out of the item; boto3 sends an empty "
    "Python set() as a number set (NS). A list (L) may be empty."
)
_KEY_SCHEMA = (
    "a Key names exactly the table's key attributes (the partition key, and the sort key "
    "if the table has one) with the types of AttributeDefinitions: no other attribute, none "
    "missing. See describe_table()['Table']['KeySchema']."
)
_START_KEY = (
    "ExclusiveStartKey must be the LastEvaluatedKey of the previous page, passed back "
    "unchanged (for an index it holds the table's and the index's key attributes)."
)
_CONDITION = (
    "the ConditionExpression was false for the item as stored (attribute_not_exists(pk) "
    "is false when the item already exists). To see the stored item, pass "
    "ReturnValuesOnConditionCheckFailure='ALL_OLD' and read err.response['Item']."
)
_RESERVED = (
    "a reserved word cannot name an attribute in an expression: write a placeholder "
    "('#n' in the expression) and give ExpressionAttributeNames={'#n': 'the name'}."
)
_UNDEFINED_VALUE = (
    "every ':value' placeholder of an expression needs an entry in "
    "ExpressionAttributeValues (typed on the client: {':v': {'S': 'x'}})."
)
_UNUSED = (
    "DynamoDB refuses ExpressionAttributeNames/Values entries that no expression of the "
    "request uses: remove them, or use them."
)
_KEY_CONDITION = (
    "a KeyConditionExpression must test the partition key with '=' (and may add one "
    "condition on the sort key); filter other attributes with FilterExpression."
)
_UNTYPED = (
    "the low-level client takes typed values ({'S': 'text'}, {'N': '1'}); the boto3 "
    "resource (and cloud.dynamo) take plain Python values instead."
)
_NO_TABLE = (
    "no table of that name in this region: tables live per Cloud and per region, so a "
    "client for another region_name sees none of them (list_tables() shows what there is)."
)
_TOKEN_EXPIRED = (
    "tokens expire on the Cloud's clock (cloud.now()), not the wall clock: cloud.advance() "
    "ages them (an hour by default, the app client's AccessTokenValidity/IdTokenValidity). "
    "Sign in again, or use REFRESH_TOKEN_AUTH. Third-party verifiers such as PyJWT check "
    "'exp' against the real time.time(), so on a ManualClock the two can disagree."
)
_NOT_CONFIRMED = (
    "a user who signed up must be confirmed first: confirm_sign_up with the code sent "
    "(pool.last_code(email) reads it from the pool's outbox), or admin_confirm_sign_up."
)
_TRIGGER_TIMEOUT = (
    "Cognito waits 5 seconds (real time) for a trigger's answer, whatever the function's "
    "own Timeout; a slow trigger fails the whole request."
)
_TIMED_OUT = (
    "the handler ran longer than the function's Timeout (3 seconds by default): raise it "
    "(function.update(timeout=...) or UpdateFunctionConfiguration). Execution time is real "
    "time: a ManualClock and cloud.advance() do not change how long a handler may run."
)
_FLOAT = (
    "DynamoDB numbers are decimal: pass Decimal('1.5') (Decimal(str(x)) from a float), or "
    "read JSON with json.loads(text, parse_float=Decimal)."
)

#: AWS error code (or, for errors that are not AWS's, the exception type or the Lambda
#: errorType) -> its hints: (a substring of the message, a regex searched in it, or None
#: for any message; the note), the first match winning. Every match is a substring today:
#: they are cheaper than a regex, and the order settles overlaps (ExclusiveStartKey's
#: error quotes the key-schema text, so it comes first).
HINTS: dict[str, _Hints] = {
    "ValidationException": _hints(
        ("set  may not be empty", _EMPTY_SET),  # "An string set  may...", "An number set  ..."
        ("Binary sets should not be empty", _EMPTY_SET),
        ("The provided starting key is invalid", _START_KEY),
        ("The provided key element does not match the schema", _KEY_SCHEMA),
        ("Attribute name is a reserved keyword;", _RESERVED),
        ("An expression attribute value used in expression is not defined", _UNDEFINED_VALUE),
        ("unused in expressions", _UNUSED),
        ("Query condition missed key schema element", _KEY_CONDITION),
        ("Supplied AttributeValue is empty", _UNTYPED),
    ),
    "ConditionalCheckFailedException": _hints((None, _CONDITION)),
    "ResourceNotFoundException": _hints(("Requested resource not found", _NO_TABLE)),
    "NotAuthorizedException": _hints(("Token has expired", _TOKEN_EXPIRED)),
    "UserNotConfirmedException": _hints((None, _NOT_CONFIRMED)),
    "UnexpectedLambdaException": _hints(
        ("Socket timeout while invoking Lambda function", _TRIGGER_TIMEOUT)
    ),
    "Sandbox.Timedout": _hints(("Task timed out after", _TIMED_OUT)),
    "TypeError": _hints(("Float types are not supported", _FLOAT)),
}


def notes_for(code: str, message: str) -> list[str]:
    """The hint for an error with AWS code ``code`` and ``message``, as a list (often [])."""
    hints = HINTS.get(code)
    note = None if hints is None else hints.note_for(message)
    return [] if note is None else [note]


def add_hints(err: BaseException, code: str, message: str) -> BaseException:
    """Add the hint for ``code`` and ``message`` to ``err``'s notes, unless it is there."""
    hints = HINTS.get(code)
    note = None if hints is None else hints.note_for(message)
    if note is not None:
        notes = getattr(err, "__notes__", None)
        if notes is None:
            err.__notes__ = [note]  # what add_note() does first, without its checks
        elif note not in notes:
            notes.append(note)
    return err


def note_client_errors(client: Any) -> None:
    """Give the errors of one botocore client the same hints (``mock_aws`` calls this).

    botocore builds its own ``ClientError`` from the answer's bytes, so the note of the
    error pyserverless raised does not cross the wire; this wraps the client's
    ``_make_api_call`` (every operation, paginators and boto3's resource included) to add
    the hints for the code and message botocore parsed, and to boto3's float
    ``TypeError``, which boto3's serialiser raises inside the same call.
    """
    from botocore.exceptions import ClientError

    call = client._make_api_call

    def make_api_call(operation_name: str, api_params: Any) -> Any:
        try:
            return call(operation_name, api_params)
        except ClientError as err:
            error = err.response.get("Error", {})
            code = error.get("Code")
            if code in HINTS:
                add_hints(err, code, error.get("Message") or "")
            raise
        except TypeError as err:
            add_hints(err, "TypeError", str(err))
            raise

    client._make_api_call = make_api_call


_E = TypeVar("_E", bound=BaseException)


def hinted(err: _E) -> _E:
    """``err`` with the hints for its type name and text (for errors that are not AWS's).

    >>> hinted(TypeError("Float types are not supported. Use Decimal types instead.")).__notes__
    ["hint: DynamoDB numbers are decimal: ..."]
    """
    add_hints(err, type(err).__name__, str(err))
    return err
