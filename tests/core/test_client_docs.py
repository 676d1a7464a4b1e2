"""``help(client.put_item)`` teaches: every boto3-shaped method documents its operation.

Issue 12 ("Teaching in a REPL") asks that every client method have a docstring that opens
with a one-line summary, names the AWS operation and its main parameters, and links
nowhere; and that help() show boto3's ``(**kwargs)``. The checks walk every service in
``pyserverless/_core/services.py`` and every operation its client class registers
(``ServiceClient.operations``), so a method added later, on the client or on one of its
mixins, is checked too. The required parameters come from botocore's service model.
"""

from __future__ import annotations

import inspect
import pydoc
import re
from typing import Any

import botocore.session
import pytest

from pyserverless import Cloud
from pyserverless._core.services import SERVICES, load

CLIENTS = {spec.name: spec.client for spec in SERVICES if spec.client is not None}
_STANDARD = (
    "A client method's docstring: a one-line summary, a blank line, then the AWS operation,"
    " its required and common parameters and what comes back; no links."
)


def _problem(attr: str, doc: str, names: list[str]) -> str | None:
    """What one method's docstring lacks: a summary, a name (operation, members), or no links."""
    if not doc.strip():
        return f"{attr}: no docstring"
    summary, _, rest = doc.partition("\n")
    if not summary.strip() or (rest and not rest.startswith("\n")):
        return f"{attr}: the first line is not a one-line summary"
    prose = doc.split(">>>", 1)[0]
    if "://" in prose:
        return f"{attr}: links ({prose[prose.index('://') - 5 :].split()[0]})"
    lacking = [name for name in names if name not in doc]
    return f"{attr}: lacks {lacking}" if lacking else None


def _operations(service: str) -> dict[str, Any]:
    """The service's client class and the method of each operation it registers."""
    cls = load(CLIENTS[service])
    return {op: getattr(cls, attr) for op, attr in cls.operations.items()}


def _problems(service: str) -> list[str]:
    """Each method whose docstring lacks a summary, the operation or a required member."""
    model = botocore.session.get_session().get_service_model(service)
    problems = []
    for operation, method in _operations(service).items():
        shape = model.operation_model(operation).input_shape
        required = list(shape.required_members) if shape is not None else []
        doc = inspect.getdoc(method) or ""
        problem = _problem(method.__name__, doc, [operation, *required])
        if problem is not None:
            problems.append(problem)
    return problems


def _keyword_only(service: str) -> list[str]:
    """Each method whose signature in help() is not keyword arguments (boto3's form)."""
    client: Any = Cloud.manual().client(service)
    wrong = []
    for attr in type(client).operations.values():
        parameters = inspect.signature(getattr(client, attr)).parameters.values()
        if any(p.kind is not inspect.Parameter.VAR_KEYWORD for p in parameters):
            wrong.append(attr)
    return wrong


@pytest.mark.parametrize("service", list(CLIENTS))
def test_every_method_documents_its_operation(service: str) -> None:
    """The docstring opens with a summary, names the operation and its required members."""
    problems = _problems(service)
    assert not problems, "\n".join([_STANDARD, *problems])


@pytest.mark.parametrize("service", list(CLIENTS))
def test_help_shows_keyword_arguments(service: str) -> None:
    """help() shows ``(**kwargs)``, as boto3's methods take, not the inner ``(params)``."""
    assert _keyword_only(service) == []


@pytest.mark.parametrize("service", list(CLIENTS))
def test_help_of_the_client_lists_each_method_with_its_summary(service: str) -> None:
    """``help(cloud.client(name))`` shows every operation, its ``**kwargs`` and its summary."""
    client: Any = Cloud.manual().client(service)
    text = pydoc.render_doc(client, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    missing = []
    for method in _operations(service).values():
        summary = (inspect.getdoc(method) or "").partition("\n")[0]
        shown = rf"\n \|  {method.__name__}\(self, (/, )?\*\*kwargs\)\n \|      "
        if not summary or re.search(shown + re.escape(summary), text) is None:
            missing.append(method.__name__)
    assert missing == []


def test_every_service_is_walked() -> None:
    """The walk covers each service the Cloud serves, operations registered on mixins too."""
    assert {"dynamodb", "lambda", "cognito-idp", "sts"} <= set(CLIENTS)
    ops = _operations("dynamodb")
    assert {"PutItem", "Query", "TransactWriteItems"} <= set(ops)
    assert len(_operations("cognito-idp")) >= 64


def test_dir_and_help_of_the_cloud_show_every_resource_layer() -> None:
    """Each service with a resource layer is an attribute in dir(cloud) and in help(cloud)."""
    cloud = Cloud.manual()
    attributes = [spec.attribute for spec in SERVICES if spec.resource is not None]
    assert {"dynamo", "lambda_", "cognito"} <= set(attributes)
    text = pydoc.render_doc(cloud, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    for name in attributes:
        assert name in dir(cloud)
        assert re.search(rf"\n \|  {name}\n \|      \S", text), name  # listed, with its summary


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("", "invoke: no docstring"),
        ("Invoke (the response's RequestId ...).", "invoke: lacks ['FunctionName']"),
        ("Invoke: run FunctionName with Payload.", None),
        ("Run a function.\n\nInvoke. Required: ``FunctionName``.", None),
        (
            "Run a function\nnow.\n\nInvoke: FunctionName.",
            "invoke: the first line is not a one-line summary",
        ),
        (
            "Run a function.\n\nInvoke: FunctionName; see https://docs.aws.amazon.com/x.",
            "invoke: links (https://docs.aws.amazon.com/x.)",
        ),
        ("Run a function.\n\nInvoke: FunctionName.\n\n>>> 'https://x'\n'https://x'", None),
    ],
)
def test_the_check(doc: str, expected: str | None) -> None:
    """The check flags a missing docstring, summary or name, and a link; it passes a full one."""
    assert _problem("invoke", doc, ["Invoke", "FunctionName"]) == expected
