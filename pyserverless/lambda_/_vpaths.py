"""``/var/task`` for a handler's file access: the function's code folder on this host.

On AWS a function's code is unpacked at ``/var/task`` (``LAMBDA_TASK_ROOT``), which is
also the runtime's working directory. Here the code lives in a folder of the service's
work directory, so while a handler runs, the file functions it uses most (``open``,
``os.open``, ``os.stat``, ``os.lstat``, ``os.listdir``, ``os.scandir``, ``os.access``,
and through them ``os.path.exists``, ``pathlib.Path.read_text``...) see a path under
``/var/task`` as the same path under the code folder.

Process isolation installs the mapping in the worker process (which also changes its
working directory to the code folder). Inline isolation installs it while inline
environments are alive and applies it on a handler's thread only, where a relative path
is read from the code folder too (the process's working directory is the host's).

>>> root = {"dir": "/srv/code"}
>>> mapper = TaskRoot(lambda: root["dir"])
>>> mapper.translate("/var/task/data.json"), mapper.translate("/var/task")
('/srv/code/data.json', '/srv/code')
>>> mapper.translate("/etc/hosts"), mapper.translate("/var/taskforce")
('/etc/hosts', '/var/taskforce')
>>> TaskRoot(lambda: None).translate("/var/task/x")
'/var/task/x'
"""

from __future__ import annotations

import builtins
import io
import os
from collections.abc import Callable
from typing import Any

__all__ = ["TASK_ROOT", "TaskRoot", "install", "installed", "uninstall"]

TASK_ROOT = "/var/task"
_PREFIX = TASK_ROOT + "/"
#: (module, name) of each function that takes a path as its first argument.
_TARGETS = (
    (builtins, "open"),
    (io, "open"),
    (os, "open"),
    (os, "stat"),
    (os, "lstat"),
    (os, "listdir"),
    (os, "scandir"),
    (os, "access"),
)


class TaskRoot:
    """Maps ``/var/task`` (and, with ``relative``, a relative path) to a code folder.

    ``root`` answers the code folder for the calling thread (None: no mapping here).
    """

    def __init__(self, root: Callable[[], str | None], *, relative: bool = False) -> None:
        self.root = root
        self.relative = relative

    def translate(self, path: Any) -> Any:
        """``path`` as this host spells it (anything that is not a str path is as given)."""
        if not isinstance(path, str):
            if not isinstance(path, os.PathLike):
                return path
            text = os.fspath(path)
            if not isinstance(text, str):
                return path
            mapped = self.translate(text)
            return path if mapped == text else mapped
        if path == TASK_ROOT or path.startswith(_PREFIX):
            root = self.root()
            return path if root is None else root + path[len(TASK_ROOT) :]
        if self.relative and path and not path.startswith("/"):
            root = self.root()
            return path if root is None else os.path.join(root, path)
        return path


_saved: dict[tuple[Any, str], Any] = {}


def _wrap(original: Any, mapper: TaskRoot) -> Any:
    def mapped(*args: Any, **kwargs: Any) -> Any:
        if args:
            args = (mapper.translate(args[0]), *args[1:])
        else:  # open(file=...), os.stat(path=...); os.listdir() reads "."
            for key in ("file", "path"):
                if key in kwargs:
                    kwargs[key] = mapper.translate(kwargs[key])
                    break
        return original(*args, **kwargs)

    mapped.__wrapped__ = original  # type: ignore[attr-defined]
    mapped.__name__ = getattr(original, "__name__", "mapped")
    mapped.__doc__ = getattr(original, "__doc__", None)
    return mapped


def install(mapper: TaskRoot) -> None:
    """Route the file functions through ``mapper`` (once; :func:`uninstall` undoes it)."""
    if _saved:
        return
    for module, name in _TARGETS:
        original = getattr(module, name)
        _saved[(module, name)] = original
        setattr(module, name, _wrap(original, mapper))


def installed() -> bool:
    """Whether the file functions are routed now."""
    return bool(_saved) and all(
        getattr(module, name) is not original
        and getattr(getattr(module, name), "__wrapped__", None) is original
        for (module, name), original in _saved.items()
    )


def uninstall() -> None:
    """Put every file function back as it was."""
    for (module, name), original in _saved.items():
        current = getattr(module, name)
        if getattr(current, "__wrapped__", None) is original:
            setattr(module, name, original)
    _saved.clear()
