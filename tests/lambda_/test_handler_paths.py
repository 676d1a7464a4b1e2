"""A Handler names a module inside the function's code: never a file elsewhere on the host."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from pyserverless import Cloud

from .conftest import lambda_role


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buf.getvalue()


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A module on the host, outside any function's code."""
    (tmp_path / "evil.py").write_text("def handler(event, context):\n    return 'escaped'\n")
    return tmp_path


@pytest.mark.parametrize("isolation", ["inline", "process"])
@pytest.mark.parametrize("kind", ["absolute", "relative"])
def test_a_path_outside_the_code_is_an_import_error(
    outside: Path, isolation: str, kind: str
) -> None:
    """An absolute or ../ handler path fails at init with Runtime.ImportModuleError."""
    with Cloud.manual(limits={"lambda": {"isolation": isolation}}) as cloud:
        lambda_role(cloud)
        module = str(outside / "evil")
        if kind == "relative":
            module = "../" * 12 + module.lstrip("/")
        client: Any = cloud.client("lambda")
        client.create_function(
            FunctionName="f",
            Runtime="python3.12",
            Role=lambda_role(cloud),
            Handler=f"{module}.handler",
            Code={"ZipFile": _zip({"app.py": "def handler(e, c):\n    return 1\n"})},
        )
        answer = client.invoke(FunctionName="f")
        body = json.loads(answer["Payload"].read())
    assert answer["FunctionError"] == "Unhandled"
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"].startswith(f"Unable to import module '{module}'")
    assert "escaped" not in json.dumps(body)


def test_a_nested_module_inside_the_code_still_loads() -> None:
    """src/app.handler (a folder inside the code) is fine, as on AWS."""
    with Cloud.manual() as cloud:
        lambda_role(cloud)
        client: Any = cloud.client("lambda")
        client.create_function(
            FunctionName="g",
            Runtime="python3.12",
            Role=lambda_role(cloud),
            Handler="src/app.handler",
            Code={"ZipFile": _zip({"src/app.py": "def handler(e, c):\n    return 'inside'\n"})},
        )
        answer = client.invoke(FunctionName="g")
        assert json.loads(answer["Payload"].read()) == "inside"
