"""DynamoDB expressions: parse, validate and evaluate all five kinds as DynamoDB does.

The pipeline is lexer -> parser (cached per expression string) -> validator
(placeholders resolved, static checks) -> evaluator / update / projection. The
entry point is :func:`compile_request`, which checks every expression of a request
together and returns a :class:`Compiled`.

>>> from decimal import Decimal
>>> c = compile_request(names={"#n": "name"}, values={":min": Decimal(3)},
...                     condition="attribute_exists(#n) AND size(#n) >= :min")
>>> c.condition.evaluate({"name": "Ada"}), c.condition.evaluate({"name": "Al"})
(True, False)
"""

from ._compile import Compiled, Condition, KeyCondition, compile_request
from ._parser import parse
from ._projection import Projection
from ._update import Update

__all__ = [
    "Compiled",
    "Condition",
    "KeyCondition",
    "Projection",
    "Update",
    "compile_request",
    "parse",
]
