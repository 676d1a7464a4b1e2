"""``cloud.client("apigatewaymanagementapi")``: the ``@connections`` API of WebSocket APIs.

boto3 reaches it with ``endpoint_url="https://{api-id}.execute-api.{region}.amazonaws.com/
{stage}"``; in process the endpoint is not needed (connection ids are unique in the Region).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..._core.client import Params, Response, ServiceClient, operation
from ..._core.errors import AWSError
from ._errors import ManagementApiError

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ._engine import WebSocketEngine

__all__ = ["ManagementApiClient"]


class ManagementApiClient(ServiceClient):
    """boto3's ``apigatewaymanagementapi`` client over the Region's WebSocket connections.

    >>> from pyserverless import Cloud
    >>> client = Cloud.manual().client("apigatewaymanagementapi")
    >>> client.get_connection(ConnectionId="R1kmxc2VNjMCFIA=")
    Traceback (most recent call last):
    ...
    pyserverless.gateway.GoneException: ...
    """

    service_name: ClassVar[str] = "apigatewaymanagementapi"
    error_base: ClassVar[type[AWSError]] = ManagementApiError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: WebSocketEngine = cloud.engine("apigatewaymanagementapi", region_name)

    @operation("PostToConnection")
    def post_to_connection(self, params: Params) -> Response:
        """Send data to a connected client.

        PostToConnection. ``ConnectionId``, ``Data`` (bytes or text, at most 128 KB).
        A closed or unknown connection raises ``GoneException`` (410).
        """
        data = params["Data"]
        self._engine.post(params["ConnectionId"], data.encode() if isinstance(data, str) else data)
        return {}

    @operation("GetConnection")
    def get_connection(self, params: Params) -> Response:
        """Describe a connection: ``ConnectedAt``, ``Identity``, ``LastActiveAt``.

        GetConnection. ``ConnectionId``.
        """
        return self._engine.describe(params["ConnectionId"])

    @operation("DeleteConnection")
    def delete_connection(self, params: Params) -> Response:
        """Close a connection from the API's side (its ``$disconnect`` route runs).

        DeleteConnection. ``ConnectionId``.
        """
        self._engine.delete(params["ConnectionId"])
        return {}
