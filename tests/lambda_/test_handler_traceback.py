"""A handler's failure shows the handler's own failing line in pytest's output."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pyserverless import Cloud
from pyserverless.lambda_ import FunctionError

from .conftest import LAMBDA_TRUST as TRUST
from .conftest import ROLE, make_zip

APP = "def handler(event, context):\n    total = 0\n    return total / event['n']  # the line\n"


def _deploy(cloud: Cloud) -> None:
    cloud.client("lambda").create_function(
        FunctionName="div", Runtime="python3.12", Handler="app.handler", Role=ROLE,
        Code={"ZipFile": make_zip({"app.py": APP})},
    )  # fmt: skip


class TestHandlerError:
    """FunctionError is caused by a HandlerError carrying the handler's traceback."""

    def test_cause_names_the_handler_line(self, lam: Cloud) -> None:
        """str(cause) has the handler's file, line 3, the source and the error."""
        _deploy(lam)
        with pytest.raises(FunctionError) as err:
            lam.lambda_.function("div").invoke({"n": 0})
        cause = err.value.__cause__
        assert type(cause).__name__ == "HandlerError"
        text = str(cause)
        assert 'app.py", line 3, in handler' in text
        assert "return total / event['n']  # the line" in text
        assert text.rstrip().endswith("ZeroDivisionError: division by zero")

    def test_callable_handler_too(self, lam: Cloud) -> None:
        """A Python-callable handler's own line is shown as well."""

        def boom(event: object, context: object) -> None:
            raise ValueError("bad order")

        fn = lam.lambda_.create_function("boom", handler=boom)
        with pytest.raises(FunctionError) as err:
            fn.invoke({})
        assert 'raise ValueError("bad order")' in str(err.value.__cause__)

    def test_success_raises_nothing(self, lam: Cloud) -> None:
        """The other side: a good call returns its value."""
        _deploy(lam)
        assert lam.lambda_.function("div").invoke({"n": 2}) == 0.0


def test_pytest_output_shows_the_handler_line(tmp_path: Path) -> None:
    """A failing test run by pytest prints the handler's failing line."""
    test = tmp_path / "test_app.py"
    test.write_text(
        textwrap.dedent(
            f"""
            import io, zipfile
            from pyserverless import Cloud

            def test_order():
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w") as zf:
                    zf.writestr("app.py", {APP!r})
                cloud = Cloud.manual()
                cloud.client("iam").create_role(
                    RoleName="lambda-role", AssumeRolePolicyDocument={TRUST!r})
                cloud.client("lambda").create_function(
                    FunctionName="div", Runtime="python3.12", Handler="app.handler",
                    Role={ROLE!r}, Code={{"ZipFile": buf.getvalue()}})
                cloud.lambda_.function("div").invoke({{"n": 0}})
            """
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         str(test)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1
    assert 'app.py", line 3, in handler' in run.stdout
    assert "return total / event['n']  # the line" in run.stdout
