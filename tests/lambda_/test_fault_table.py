"""The Lambda fault table: what each isolation mode answers for 30 ways a handler misbehaves.

The expected columns are the table in docs/lambda.md ("Fault table"); a test checks that
the two agree. "not contained inline" marks faults that reach the host process in inline
mode (they would kill or hang the test run): those run in process mode only.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

from .conftest import ROLE, lambda_role, make_zip

NOT_CONTAINED = "not contained inline"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "lambda.md"
H = "def handler(event, context):\n"
MB = 1024 * 1024

#: id -> (app.py source, inline answer, process answer). An answer is "ok" (the value
#: returned), or the errorType of the FunctionError body.
FAULTS: dict[str, tuple[str, str, str]] = {
    "os._exit in handler": (
        "import os\n" + H + "    os._exit(3)\n", NOT_CONTAINED, "Runtime.ExitError"),
    "os._exit in init": (
        "import os\nos._exit(3)\n" + H + "    return 1\n", NOT_CONTAINED, "Runtime.ExitError"),
    "SIGKILL to itself": (
        "import os, signal\n" + H + "    os.kill(os.getpid(), signal.SIGKILL)\n",
        NOT_CONTAINED, "Runtime.ExitError"),
    "SIGTERM to itself": (
        "import os, signal\n" + H + "    os.kill(os.getpid(), signal.SIGTERM)\n",
        NOT_CONTAINED, "Runtime.ExitError"),
    "SIGKILL to its process group": (
        "import os, signal\n" + H + "    os.killpg(0, signal.SIGKILL)\n",
        NOT_CONTAINED, "Runtime.ExitError"),
    "os.abort()": ("import os\n" + H + "    os.abort()\n", NOT_CONTAINED, "Runtime.ExitError"),
    "segmentation fault": (
        "import ctypes\n" + H + "    ctypes.string_at(0)\n", NOT_CONTAINED, "Runtime.ExitError"),
    "C loop holding the GIL": (
        H + "    return sum(range(10**11))\n", NOT_CONTAINED, "Sandbox.Timedout"),
    "memory blow-up": (
        H + "    block = bytearray(4 * 1024**3)\n    return len(block)\n",
        NOT_CONTAINED, "Runtime.ExitError"),
    "sys.stdout.close()": (
        "import sys\n" + H + "    sys.stdout.close()\n    print('after')\n    return 1\n",
        "ok", "ok"),
    "os.chdir": ("import os\n" + H + "    os.chdir('/')\n    return os.getcwd()\n", "ok", "ok"),
    "os.chdir in init": (
        "import os\nos.chdir('/')\n" + H + "    return 1\n", "ok", "ok"),
    "recursion limit lowered": (
        "import sys\n" + H + "    sys.setrecursionlimit(80)\n    return 1\n", "ok", "ok"),
    "infinite recursion": (
        H + "    def f(n):\n        return f(n + 1)\n    return f(0)\n",
        "RecursionError", "RecursionError"),
    "KeyboardInterrupt": (H + "    raise KeyboardInterrupt\n",
                          "Runtime.ExitError", "Runtime.ExitError"),
    "GeneratorExit": (H + "    raise GeneratorExit\n", "Runtime.ExitError", "Runtime.ExitError"),
    "custom BaseException": (
        "class Stop(BaseException):\n    pass\n" + H + "    raise Stop('x')\n",
        "Runtime.ExitError", "Runtime.ExitError"),
    "sys.exit(0)": ("import sys\n" + H + "    sys.exit(0)\n",
                    "Runtime.ExitError", "Runtime.ExitError"),
    "exception in init": (
        "raise ValueError('bad config')\n" + H + "    return 1\n", "ValueError", "ValueError"),
    "syntax error": ("def handler(event, context)\n    return 1\n",
                     "Runtime.UserCodeSyntaxError", "Runtime.UserCodeSyntaxError"),
    "missing import": ("import no_such_module_xyz\n" + H + "    return 1\n",
                       "Runtime.ImportModuleError", "Runtime.ImportModuleError"),
    "huge return value": (H + "    return 'x' * (7 * 1024 * 1024)\n",
                          "Function.ResponseSizeTooLarge", "Function.ResponseSizeTooLarge"),
    "non-JSON return value": (H + "    return {1, 2}\n",
                              "Runtime.MarshalError", "Runtime.MarshalError"),
    "infinite loop": (H + "    while True:\n        pass\n",
                      "Sandbox.Timedout", "Sandbox.Timedout"),
    "sleep past the timeout": ("import time\n" + H + "    time.sleep(30)\n",
                               "Sandbox.Timedout", "Sandbox.Timedout"),
    "child process left behind": (
        "import subprocess\n" + H + "    subprocess.Popen(['sleep', '30'])\n    return 1\n",
        "ok", "ok"),
    "thread left behind": (
        "import threading, time\n" + H
        + "    threading.Thread(target=time.sleep, args=(2,), daemon=True).start()\n"
        "    return 1\n", "ok", "ok"),
    "/tmp full": (
        "import os\n" + H + "    with open(os.path.join(os.environ['TMPDIR'], 'f'), 'wb') as f:\n"
        "        for _ in range(3):\n            f.write(b'x' * 1024 * 1024)\n    return 1\n",
        "OSError 28", "OSError 28"),
    "environment of another function": (
        "import os\n" + H + "    return os.environ.get('OTHER_SECRET')\n", "ok", "ok"),
    "changes the host's environment": (
        "import os\n" + H + "    os.environ['LEAKED'] = '1'\n    return 1\n", "ok", "ok"),
}  # fmt: skip

MODES = ["inline", "process"]


def _answer(resp: dict[str, Any]) -> tuple[str, Any]:
    body = json.loads(resp["Payload"].read() or b"null")
    if "FunctionError" not in resp:
        return "ok", body
    kind = body["errorType"]
    if kind == "OSError":
        kind += " " + re.sub(r"^\[Errno (\d+)\].*", r"\1", body["errorMessage"])
    return kind, body


def _host_state() -> tuple[Any, ...]:
    return (os.getcwd(), dict(os.environ), sys.getrecursionlimit(), sys.stdout.closed)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault(fault: str, mode: str) -> None:
    """Each fault gets its documented answer, and the host is as it was."""
    source, inline, process = FAULTS[fault]
    expected = inline if mode == "inline" else process
    if expected == NOT_CONTAINED:
        pytest.skip("not contained inline (documented): runs in process mode only")
    if sys.platform == "win32" and mode == "process":
        pytest.skip("process isolation forks")
    # /tmp of 2 MB (AWS's least is 512 MB): the "/tmp full" fault writes 3 MB.
    cloud = Cloud(clock=ManualClock(), seed=1, limits={"lambda": {"min_ephemeral_storage_mb": 2}})
    lambda_role(cloud)
    client = cloud.client("lambda")
    before = _host_state()
    try:
        client.create_function(
            FunctionName="other", Runtime="python3.12", Handler="app.handler", Role=ROLE,
            Code={"ZipFile": make_zip({"app.py": H + "    return 1\n"})},
            Environment={"Variables": {"OTHER_SECRET": "s3cret"}},
        )  # fmt: skip
        client.invoke(FunctionName="other", Payload=b"{}")
        client.create_function(
            FunctionName="probe", Runtime="python3.12", Handler="app.handler", Role=ROLE,
            Code={"ZipFile": make_zip({"app.py": source})}, MemorySize=256,
            # 1 s where the fault is the timeout; room elsewhere, so a loaded machine
            # never turns another fault's answer (a deep traceback, 7 MB of JSON) into one.
            Timeout=1 if expected == "Sandbox.Timedout" else 10,
        )  # fmt: skip
        cloud.engine("lambda").update_function_configuration(
            "probe", isolation=mode, ephemeral_storage_mb=2
        )
        kind, body = _answer(client.invoke(FunctionName="probe", Payload=b"{}"))
    finally:
        cloud.lambda_.close()
    assert kind == expected, body
    if kind == "ok" and fault == "environment of another function":
        assert body is None
    assert _host_state() == before


def _documented() -> dict[str, tuple[str, str]]:
    section = DOCS.read_text().split("### Fault table", 1)[1].split("\n#", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    rows: dict[str, tuple[str, str]] = {}
    for line in table[2:]:
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        rows[cells[0]] = (cells[1], cells[2])
    return rows


def test_documented_table_matches() -> None:
    """docs/lambda.md's fault table is this test's expected columns, row for row."""
    assert _documented() == {k: (v[1], v[2]) for k, v in FAULTS.items()}
    assert len(FAULTS) == 30


def test_process_mode_leaves_nothing_after_close() -> None:
    """Handlers that start threads and child processes: none is left after close()."""
    if sys.platform == "win32":
        pytest.skip("process isolation forks")
    threads = set(threading.enumerate())
    children = _children()
    cloud = Cloud(clock=ManualClock(), seed=1)
    lambda_role(cloud)
    client = cloud.client("lambda")
    source = (
        "import subprocess, threading, time\n" + H
        + "    subprocess.Popen(['sleep', '30'])\n"
        "    threading.Thread(target=time.sleep, args=(30,)).start()\n    return 1\n"
    )  # fmt: skip
    for name in ("a", "b"):
        client.create_function(
            FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE,
            Code={"ZipFile": make_zip({"app.py": source})}, Timeout=5,
        )  # fmt: skip
        cloud.engine("lambda").update_function_configuration(name, isolation="process")
        assert "FunctionError" not in client.invoke(FunctionName=name, Payload=b"{}")
    assert len(_children()) > len(children)
    cloud.lambda_.close()
    assert _children() == children
    assert [t.name for t in set(threading.enumerate()) - threads] == []


def _children() -> set[int]:
    """Live (non-zombie) processes whose parent is this one, or whose group it leads."""
    me = os.getpid()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, ppid = fields[0], int(fields[1])
        if state != "Z" and ppid == me:
            found.add(int(entry.name))
    return found
