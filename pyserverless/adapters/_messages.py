"""Message texts of the errors the wire itself raises, before any engine runs.

Sources: DynamoDB's responses as recorded against the live service by dynalite's
connection tests (architect/dynalite, ``test/connection.js``; facts only) and AWS's
SigV4 troubleshooting page (IAM User Guide, "Troubleshoot Signature Version 4").
"""

from __future__ import annotations

__all__ = [
    "BOTH_AUTH",
    "CORAL",
    "INTERNAL",
    "MISSING_TOKEN",
    "NEED_AUTH_DATE",
    "NEED_AUTH_PARAM",
    "NEED_QUERY_PARAM",
    "QUERY_TAIL",
    "UNKNOWN_OPERATION_XML",
    "UNKNOWN_REGION",
    "UNSUPPORTED_OPERATION",
    "UNSUPPORTED_SERVICE",
]

#: The namespace of errors raised by AWS's request layer (Coral), not by a service.
CORAL = "com.amazon.coral.service#"

#: MissingAuthenticationTokenException (no Authorization header, or not ``AWS4-...``).
MISSING_TOKEN = "Request is missing Authentication Token"

#: IncompleteSignatureException: one sentence per missing part, then
#: ``Authorization=<header>``.
NEED_AUTH_PARAM = "Authorization header requires '{}' parameter. "
NEED_AUTH_DATE = (
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
)
#: Pre-signed (query-string) requests.
NEED_QUERY_PARAM = "AWS query-string parameters must include '{}'. "
QUERY_TAIL = "Re-examine the query-string parameters."
#: InvalidSignatureException when both forms of signature are present.
BOTH_AUTH = (
    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."
)

#: InvalidSignatureException for a credential scope naming a Region the endpoint does not
#: serve (the text AWS's SDK users report, e.g. aws/aws-sdk-ruby#508; [O]).
UNKNOWN_REGION = "Credential should be scoped to a valid region, not '{}'. "

#: The 404 body DynamoDB sends for a request it cannot route at all (wrong method or
#: content type).
UNKNOWN_OPERATION_XML = b"<UnknownOperationException/>\n"

#: The message of a 500 when an engine fails unexpectedly (DynamoDB's wording).
INTERNAL = "Internal server error"

# pyserverless's own texts (no AWS counterpart).
UNSUPPORTED_OPERATION = "pyserverless does not emulate the {service} operation {operation} yet"
UNSUPPORTED_SERVICE = (
    "pyserverless does not emulate the AWS service {service!r} (operation {operation}); "
    "no request left this process. Emulated services: {known}"
)
