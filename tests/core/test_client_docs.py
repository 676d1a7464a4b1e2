"""``help(client.put_item)`` teaches: every boto3-shaped method documents its operation.

Issue 12 ("Teaching in a REPL") asks that every client method have a docstring naming the
AWS operation, its main parameters and a one-line summary. The client layer's owners have
not written them yet, so these tests are strict xfails that list what is missing (the
marker comes off when they pass).
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from pyserverless import Cloud

SERVICES = ["dynamodb", "lambda", "cognito-idp"]


def _problem(attr: str, doc: str, names: list[str]) -> str | None:
    """What one method's docstring lacks: a summary, or a name (operation, members)."""
    if not doc.strip():
        return f"{attr}: no docstring"
    lacking = [name for name in names if name not in doc]
    return f"{attr}: lacks {lacking}" if lacking else None


def _problems(service: str) -> list[str]:
    """Each method whose docstring lacks a summary, the operation or a required member."""
    client: Any = Cloud().client(service)
    model = client.meta.service_model
    problems = []
    for operation, attr in type(client).operations.items():
        shape = model.operation_model(operation).input_shape
        required = list(shape.required_members) if shape is not None else []
        problem = _problem(
            attr, inspect.getdoc(getattr(client, attr)) or "", [operation, *required]
        )
        if problem is not None:
            problems.append(problem)
    return problems


def _keyword_only(service: str) -> list[str]:
    """Each method whose signature in help() is not keyword arguments (boto3's form)."""
    client: Any = Cloud().client(service)
    wrong = []
    for attr in type(client).operations.values():
        parameters = inspect.signature(getattr(client, attr)).parameters.values()
        if any(p.kind is not inspect.Parameter.VAR_KEYWORD for p in parameters):
            wrong.append(attr)
    return wrong


@pytest.mark.xfail(strict=True, reason="client methods have no docstrings yet (issue 12)")
@pytest.mark.parametrize("service", SERVICES)
def test_every_method_documents_its_operation(service: str) -> None:
    """The docstring names the AWS operation and its required parameters."""
    assert _problems(service) == []


@pytest.mark.parametrize("service", SERVICES)
def test_help_shows_keyword_arguments(service: str) -> None:
    """help() shows ``(**kwargs)``, as boto3's methods take, not the inner ``(params)``."""
    assert _keyword_only(service) == []


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("", "invoke: no docstring"),
        ("Invoke (the response's RequestId ...).", "invoke: lacks ['FunctionName']"),
        ("Invoke: run FunctionName with Payload.", None),
    ],
)
def test_the_check(doc: str, expected: str | None) -> None:
    """The check flags a missing docstring and a missing name, and passes a full one."""
    assert _problem("invoke", doc, ["Invoke", "FunctionName"]) == expected
