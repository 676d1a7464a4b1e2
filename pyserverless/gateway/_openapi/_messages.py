"""The texts of the OpenAPI importers' errors and warnings (AWS's wording where known)."""

from __future__ import annotations

#: The body is neither JSON nor YAML, or is not an OpenAPI 3 / Swagger 2 document.
INVALID_INPUT = "Invalid OpenAPI input."
#: A document with errors: the import is refused and nothing changes.
ERRORS = "Errors found during import:\n\t{}"
#: failOnWarnings=true and the document had warnings.
WARNINGS = "Warnings found during import:\n\t{}"
YAML_MISSING = (
    "YAML input needs PyYAML: pip install 'pyserverless[gateway]' (or send the document as JSON)"
)
BAD_MODE = "Invalid mode: {}. Valid values are: [merge, overwrite]"
BAD_BASEPATH = "Invalid basepath parameter value: {}. Valid values are: [ignore, prepend, split]"
BAD_ENDPOINT = "Invalid endpointConfigurationTypes value: {}"
BAD_PARAMETER = "Invalid import parameter: {}"
DOCUMENTATION = (
    "Unable to import documentation parts: x-amazon-apigateway-documentation is not "
    "emulated (pass parameters ignore=documentation to import the API without it)"
)
NOT_EMULATED = "Unable to apply {}: the setting is not emulated"
UNKNOWN_EXTENSION = "Ignoring unsupported extension {} at {}"
BAD_REF = "Unable to resolve reference {} at {}: the reference is ignored"
BAD_PATH = "Invalid resource path {}"
BAD_AUTHORIZER = "Unable to create authorizer {}: {}"
NO_SCHEME = "Security scheme {} referenced by {} is not defined"
UNKNOWN_VALIDATOR = "Request validator {} referenced by {} is not defined"
INLINE_SCHEMA = "Ignoring inline schema for {} at {}: only $ref to named schemas become models"
BAD_INTEGRATION = "Invalid x-amazon-apigateway-integration at {}: {}"
HTTP_ONLY = "Ignoring {} at {}: the extension applies to HTTP APIs"
INVALID_VALUES = "Invalid values for {}: a setting of the document has the wrong type or value"
HTTP_OAS3_ONLY = "Invalid OpenAPI input: HTTP APIs are imported from OpenAPI 3.0 definitions"
HTTP_PROXY_ONLY = (
    "Unsupported integration type {} at {}: HTTP APIs support Lambda proxy and HTTP proxy "
    "integrations only; the route is created without an integration"
)
