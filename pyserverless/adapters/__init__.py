"""Two doors into the same engines: the in-process botocore bridge and the HTTP endpoint.

* :func:`mock_aws` (also ``pyserverless.mock_aws`` and the ``aws`` pytest fixture)
  routes every boto3/botocore client created inside it to a Cloud, without a socket.
* :func:`make_app` is a WSGI app speaking AWS's wire protocols;
  ``pyserverless serve`` runs it (waitress, the ``server`` extra); :class:`Server`
  runs it in a background thread.

Both doors only translate bytes: each builds a :class:`WireRequest` and hands it to
the same :class:`Dispatcher` (``_wire.py``), which routes by the protocol table
(``_protocols.py``) to ``cloud.client(service).dispatch(operation, params)``. Another
transport (an ASGI server, a test client) needs only those two and ``handle()``.

Adding a service is one row in ``_protocols.py`` (plus its entry in
``pyserverless/_core/services.py``, which the bridge and the endpoint both consult):

* **Cognito user pools (AWS JSON 1.1)** -- add to ``JSON_SERVICES``::

      JsonService(
          target_prefix="AWSCognitoIdentityProviderService",
          service="cognito-idp",
          json_version="1.1",
          error_namespace="",   # Cognito's __type is the bare code
      ),

  Operations botocore marks as unauthenticated (``InitiateAuth``, ``SignUp``,
  ``RespondToAuthChallenge``...) skip the Authorization checks automatically.

* **DynamoDB Streams (JSON 1.0)** -- ``JsonService(target_prefix="DynamoDBStreams_20120810",
  service="dynamodbstreams", error_namespace="com.amazonaws.dynamodb.v20120810#")``.

* **Lambda (REST-JSON)** -- add to ``REST_JSON_SERVICES``::

      RestJsonService(
          service="lambda",
          path_prefixes=("/2015-03-31/", "/2016-08-19/", "/2017-03-31/", "/2017-10-31/",
                         "/2018-10-31/", "/2019-09-25/", "/2019-09-30/", "/2020-04-22/",
                         "/2020-06-30/", "/2021-10-31/", "/2022-07-20/"),
      ),

  Nothing else: each request is matched against botocore's ``requestUri`` templates
  of the operations ``LambdaClient`` registers with ``@operation``, and labels,
  query string, headers (``X-Amz-Invocation-Type``...), the ``statusCode`` member and
  blob payloads (``Invoke``'s ``Payload``: ``bytes`` in, ``bytes`` out) are bound as
  the model says. Errors become ``x-amzn-ErrorType: <Code>`` with
  ``{"Type": "User", "message": ...}`` and the error's status.

* **Cognito's JWKS document** -- add to ``ROUTES``::

      Route("GET", "/{UserPoolId}/.well-known/jwks.json",
            "pyserverless.cognito._wire:jwks"),

  where ``jwks(cloud, request, UserPoolId) -> (status, headers, body_bytes)``
  (the region is the pool id's prefix, ``us-east-1_AbC...``).

* **STS (AWS's query protocol)** -- add to ``QUERY_SERVICES``::

      QueryService(service="sts", xmlns="https://sts.amazonaws.com/doc/2011-06-15/")

  A form-encoded ``Action`` (POST body or GET query) that the service's model has is
  routed to it; top-level scalar members are read from the form and the answer is
  written as the query protocol's XML from botocore's output shape (``_query.py``).

* **S3 (REST-XML)** -- ``REST_XML_SERVICES = ("s3",)``: recognised by a Host naming
  S3 (``bucket.s3.amazonaws.com``, ``bucket.localhost``) or an ``s3`` signature, routed
  by botocore's ``requestUri`` templates and query selectors, answered in S3's XML with
  GetObject's body streamed (``_restxml.py``; the bridge's S3 clients use
  ``_s3bridge.py``).

A row whose service has no engine yet answers ``UnknownOperationException``.
``mock_aws(cloud, fast=True)`` answers AWS JSON calls at botocore's ``before-call``
(``_fast.py``); ``Dispatcher(cloud, credentials={key: secret})`` verifies SigV4
signatures (``_sigv4.py``, ``pyserverless serve --verify-signatures``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._wire import Dispatcher, WireRequest, WireResponse
    from .bridge import MockAWS, UnsupportedServiceError, mock_aws
    from .http import Server, make_app, serve_forever

__all__ = [
    "Dispatcher",
    "MockAWS",
    "Server",
    "UnsupportedServiceError",
    "WireRequest",
    "WireResponse",
    "make_app",
    "mock_aws",
    "serve_forever",
]

_LAZY = {
    "Dispatcher": "_wire",
    "WireRequest": "_wire",
    "WireResponse": "_wire",
    "MockAWS": "bridge",
    "UnsupportedServiceError": "bridge",
    "mock_aws": "bridge",
    "Server": "http",
    "make_app": "http",
    "serve_forever": "http",
}


def __getattr__(name: str) -> Any:
    # Imported on first use: importing pyserverless never imports botocore or waitress.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
