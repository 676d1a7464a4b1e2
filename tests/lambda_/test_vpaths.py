"""/var/task as a handler sees it: the path mapping of ``_vpaths`` on its own."""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import pathlib
from collections.abc import Iterator

import pytest

from pyserverless.lambda_ import _inline, _vpaths


@contextlib.contextmanager
def _alone() -> Iterator[None]:
    """No other mapping for the test's length: inline environments another test left
    alive have theirs installed, put back afterwards."""
    had = _vpaths.installed()
    _vpaths.uninstall()
    try:
        yield
    finally:
        _vpaths.uninstall()
        if had:
            _vpaths.install(_inline._TASK_ROOT)


@pytest.fixture
def root(tmp_path: pathlib.Path) -> Iterator[pathlib.Path]:
    """The mapping installed over a folder holding data.txt; uninstalled afterwards."""
    (tmp_path / "data.txt").write_text("hello")
    with _alone():
        _vpaths.install(_vpaths.TaskRoot(lambda: str(tmp_path)))
        yield tmp_path


def test_every_wrapped_function_maps(root: pathlib.Path) -> None:
    """open (positional and keyword), os.stat/lstat/listdir/scandir/access, pathlib."""
    assert open("/var/task/data.txt").read() == "hello"  # noqa: SIM115
    with open(file="/var/task/data.txt") as f:
        assert f.read() == "hello"
    assert os.stat(path="/var/task/data.txt").st_size == 5
    assert os.lstat("/var/task/data.txt").st_size == 5
    assert os.listdir("/var/task") == ["data.txt"]
    assert [e.name for e in os.scandir("/var/task")] == ["data.txt"]
    assert os.access("/var/task/data.txt", os.R_OK)
    assert pathlib.Path("/var/task/data.txt").read_text() == "hello"
    assert os.path.exists("/var/task") and os.path.isfile("/var/task/data.txt")


def test_other_paths_are_untouched(root: pathlib.Path) -> None:
    """A path that only starts like /var/task, or elsewhere, is not mapped."""
    mapper = _vpaths.TaskRoot(lambda: str(root))
    assert mapper.translate("/var/taskforce/x") == "/var/taskforce/x"
    assert mapper.translate("relative.txt") == "relative.txt"
    assert mapper.translate(3) == 3
    assert mapper.translate(b"/var/task/x") == b"/var/task/x"
    assert mapper.translate(pathlib.Path("/var/task/x")) == f"{root}/x"


def test_relative_paths_when_asked(tmp_path: pathlib.Path) -> None:
    """relative=True (inline handler threads): a relative path is read from the root."""
    mapper = _vpaths.TaskRoot(lambda: str(tmp_path), relative=True)
    assert mapper.translate("data.txt") == os.path.join(str(tmp_path), "data.txt")
    assert mapper.translate("") == ""


def test_uninstall_restores_the_originals(tmp_path: pathlib.Path) -> None:
    """After uninstall the module attributes are the very objects they were."""
    with _alone():
        before = builtins.open, io.open, os.stat, os.listdir
        _vpaths.install(_vpaths.TaskRoot(lambda: str(tmp_path)))
        assert _vpaths.installed()
        assert builtins.open is not before[0]
        _vpaths.uninstall()
        assert (builtins.open, io.open, os.stat, os.listdir) == before
        assert not _vpaths.installed()
