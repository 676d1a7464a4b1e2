"""Stopping an inline handler leaves no interpreter-wide signal behind.

On CPython 3.11, withdrawing an asynchronous exception with
``PyThreadState_SetAsyncExc(id, NULL)`` leaves the interpreter's signal set for good:
afterwards every traced function entry (a debugger, coverage, hypothesis's explain
phase) loops forever. Each case runs in a child interpreter so that a regression fails
this test instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

_CASE = """
import sys
from pyserverless import Cloud
cloud = Cloud.manual()
fast = cloud.lambda_.create_function("fast", handler=lambda e, c: 1)
{calls}
cloud.lambda_.close()
calls = []
def traced(frame, event, arg):
    calls.append(event)
    return traced
def f(x):
    return x + 1
sys.settrace(traced)
f(1)
sys.settrace(None)
print("traced", len(calls) > 0)
"""


@pytest.mark.parametrize(
    "calls",
    [
        "fast.invoke({})",
        "fast.invoke({}); fast.invoke({}); fast.invoke({})",
        "cloud.client('lambda').invoke(FunctionName='fast')",
    ],
    ids=["cold", "warm", "client"],
)
def test_a_traced_call_after_close_returns(calls: str) -> None:
    """After inline invokes and close(), tracing a function call works (no endless loop)."""
    code = textwrap.dedent(_CASE).format(calls=calls)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("traced True")


def test_a_timed_out_warm_handler_leaves_no_signal() -> None:
    """A warm handler stopped at its timeout on the caller's thread: tracing still works."""
    code = textwrap.dedent(
        """
        import sys
        from pyserverless import Cloud
        cloud = Cloud.manual()
        def spin(event, context):
            while True:
                pass
        fn = cloud.lambda_.create_function("spin", handler=spin, timeout=1)
        for _ in range(2):
            try:
                fn.invoke({})
            except Exception:
                pass
        cloud.lambda_.close()
        sys.settrace(lambda *a: None)
        def f():
            return 1
        print("returned", f())
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "returned 1" in done.stdout
