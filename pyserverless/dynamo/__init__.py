"""DynamoDB: tables, items, expressions and indexes, in memory.

The type system converts between DynamoDB JSON and boto3's native values, sizes
items exactly, and orders keys as DynamoDB does.
"""

from .._core.exports import publish
from ._client import DynamoDBClient as DynamoDBClient
from ._engine import DynamoDB as DynamoDB
from ._errors import *  # noqa: F403
from ._errors import __all__ as _error_names
from ._limits import DynamoDBLimits as DynamoDBLimits
from ._resource import BatchWriter as BatchWriter
from ._resource import DynamoDBResource as DynamoDBResource
from ._resource import Table as Table
from ._resource import TableSnapshot as TableSnapshot
from ._stream_records import StreamRecord as StreamRecord
from ._stream_records import TableStream as TableStream
from ._types import Binary as Binary
from ._types import NumberSet as NumberSet
from ._types import from_python as from_python
from ._types import from_wire as from_wire
from ._types import item_from_wire as item_from_wire
from ._types import item_size as item_size
from ._types import item_to_wire as item_to_wire
from ._types import key_order as key_order
from ._types import to_python as to_python
from ._types import to_wire as to_wire
from ._types import type_of as type_of
from ._types import value_size as value_size

__all__ = sorted(
    [
        "BatchWriter",
        "Binary",
        "DynamoDB",
        "DynamoDBClient",
        "DynamoDBLimits",
        "DynamoDBResource",
        "NumberSet",
        "StreamRecord",
        "Table",
        "TableSnapshot",
        "TableStream",
        "from_python",
        "from_wire",
        "item_from_wire",
        "item_size",
        "item_to_wire",
        "key_order",
        "to_python",
        "to_wire",
        "type_of",
        "value_size",
        *_error_names,
    ]
)

publish(__name__, __all__, globals())
