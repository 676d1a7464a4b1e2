"""The roots of pyserverless's errors; each service adds its AWS codes beneath them."""

from ._core.errors import AWSError, PyServerlessError

__all__ = ["AWSError", "PyServerlessError"]
