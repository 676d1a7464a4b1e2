"""Deployment packages: a Python callable, a folder of code, or zip bytes.

Each is validated against the package quotas before anything changes; unpacking a zip
is a separate commit step, run only once the whole request has been validated.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from typing import Any

from . import _messages as msg
from ._errors import InvalidParameterValueException
from ._limits import LambdaLimits
from ._runtime import HandlerSpec
from ._validate import measure_zip

__all__ = ["prepare_code"]


def _sha(digest: bytes) -> str:
    return base64.b64encode(digest).decode()


def prepare_code(
    handler: Any,
    code: Any,
    limits: LambdaLimits,
    work_dir: Callable[[], str],
    operation: str,
) -> tuple[HandlerSpec, str, int, Callable[[], None]]:
    """Validate code; return the spec, CodeSha256, CodeSize and a step that unpacks it.

    >>> from pyserverless.lambda_._limits import LambdaLimits
    >>> spec, sha, size, commit = prepare_code(len, None, LambdaLimits(), str, "CreateFunction")
    >>> spec.handler, size
    ('builtins.len', 12)
    """
    if callable(handler):
        qual = f"{getattr(handler, '__module__', '')}.{getattr(handler, '__qualname__', '')}"
        name = qual.strip(".") or repr(handler)
        sha = _sha(hashlib.sha256(name.encode()).digest())
        return HandlerSpec(name, func=handler), sha, len(name), lambda: None
    if not isinstance(handler, str):
        raise TypeError("handler must be a callable or a 'module.function' string")
    if code is None:
        raise InvalidParameterValueException(msg.CODE_REQUIRED)
    if isinstance(code, (bytes, bytearray)):
        data = bytes(code)
        measure_zip(data, limits, operation)
        spec = HandlerSpec(handler, code_dir=None)

        def unpack() -> None:
            target = tempfile.mkdtemp(prefix="task-", dir=work_dir())
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                zf.extractall(target)
            spec.code_dir = target

        return spec, _sha(hashlib.sha256(data).digest()), len(data), unpack
    if isinstance(code, (str, os.PathLike)):
        folder = os.path.abspath(os.fspath(code))
        if not os.path.isdir(folder):
            raise InvalidParameterValueException(f"Code folder {folder!r} does not exist")
        size = 0
        digest = hashlib.sha256()
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for file in sorted(files):
                path = os.path.join(root, file)
                size += os.path.getsize(path)
                digest.update(os.path.relpath(path, folder).encode())
                with open(path, "rb") as f:
                    digest.update(f.read())
        if size > limits.max_unzipped_package_bytes:
            raise InvalidParameterValueException(
                msg.UNZIPPED_TOO_LARGE.format(limit=limits.max_unzipped_package_bytes)
            )
        return HandlerSpec(handler, code_dir=folder), _sha(digest.digest()), size, lambda: None
    raise TypeError("code must be zip bytes or a folder path")
