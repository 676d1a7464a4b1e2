"""The public surface of ``pyserverless.cognito``: what ``__all__`` names, and where each
public class says it lives."""

from __future__ import annotations

import pickle
import types

import pytest

import pyserverless.cognito as cognito

PUBLIC_CLASSES = [name for name in cognito.__all__ if isinstance(getattr(cognito, name), type)]


def test_all_is_sorted_and_complete() -> None:
    """``__all__`` is sorted and names every public, non-module attribute of the package."""
    public = {
        name
        for name, value in vars(cognito).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert cognito.__all__ == sorted(cognito.__all__)
    assert set(cognito.__all__) == public


def test_every_error_code_is_public() -> None:
    """Every Cognito error class is exported (each AWS code and their base)."""
    from pyserverless.cognito import _errors

    assert set(_errors.__all__) <= set(cognito.__all__)
    assert "CognitoError" in _errors.__all__


@pytest.mark.parametrize("name", PUBLIC_CLASSES)
def test_class_reports_public_module(name: str) -> None:
    """Each public class reports ``pyserverless.cognito``, not the private module it is
    defined in, in a REPL and in pickles."""
    cls = getattr(cognito, name)
    assert cls.__module__ == "pyserverless.cognito", cls.__module__
    assert repr(cls) == f"<class 'pyserverless.cognito.{name}'>"
    assert pickle.loads(pickle.dumps(cls)) is cls


def test_classes_cover_resources_and_errors() -> None:
    """The resource classes, the snapshots and the errors are all among them."""
    for name in ("UserPool", "AppClient", "User", "CognitoResource", "UserPoolDescription"):
        assert name in PUBLIC_CLASSES
    assert "NotAuthorizedException" in PUBLIC_CLASSES


def test_error_instances_show_public_path() -> None:
    """An error raised from deep in the engine shows its public path."""
    error = cognito.NotAuthorizedException("no")
    assert type(error).__module__ == "pyserverless.cognito"
    assert "pyserverless.cognito.NotAuthorizedException" in repr(type(error))
