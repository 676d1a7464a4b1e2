"""DynamoDB: tables, items, expressions and indexes, in memory.

The type system converts between DynamoDB JSON and boto3's native values, sizes
items exactly, and orders keys as DynamoDB does.
"""

from .._core.exports import publish
from ._errors import *  # noqa: F403
from ._errors import __all__ as _error_names
from ._limits import DynamoDBLimits as DynamoDBLimits

__all__ = sorted(["DynamoDBLimits", *_error_names])

publish(__name__, __all__, globals())
