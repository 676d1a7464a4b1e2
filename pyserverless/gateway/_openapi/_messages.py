"""The texts of the OpenAPI importers' errors and warnings.

Where the texts come from: AWS documents that import errors are ``BadRequestException``
and that warnings come back in the answer (``warnings``/``Warnings``) or, with
failOnWarnings, as the exception's message ("Errors and warnings from importing your
API into API Gateway"), but not the texts themselves. The wording here is
pyserverless's [?]; the two prefixes follow what AWS's console shows.
"""

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
TITLE_REQUIRED = "The API title (info.title) is required"
NOT_AN_OBJECT = "{} must be an object"
NOT_A_LIST = "{} must be a list"
INVALID_SCHEMA = "Invalid schema {}"
INVALID_VALIDATOR = "Invalid request validator {}"
INVALID_GATEWAY_RESPONSE = "Invalid gateway response {}"
INVALID_OPERATION = "Invalid operation {} {}"
INVALID_PARAMETER = "Invalid parameter at {}"
IMPORTEXPORT_VERSION = "Unsupported x-amazon-apigateway-importexport-version {}"
REIMPORT_HTTP_ONLY = "ReimportApi applies to HTTP APIs"
EXPORT_SPECIFICATION = "Invalid specification: {}"
EXPORT_OUTPUT = "Invalid output type: {}"
EXPORT_VERSION = "Invalid export version: {}"
EXPORT_NO_DEPLOYMENT = "Stage {} has no deployment to export"
BODY_TOO_LARGE = "The API definition file is larger than the maximum of {} bytes"
