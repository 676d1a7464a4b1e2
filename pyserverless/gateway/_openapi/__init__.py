"""OpenAPI 3 and Swagger 2 import into the gateway's control planes.

The documents are read (JSON, or YAML with PyYAML from the ``gateway`` extra), checked
into a frozen plan, then applied through the engines' own public operations.
"""

from __future__ import annotations

from ._load import load_document
from ._rest_apply import RestImporter
from ._rest_plan import plan_rest

__all__ = ["RestImporter", "load_document", "plan_rest"]
