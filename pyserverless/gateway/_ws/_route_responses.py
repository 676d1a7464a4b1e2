"""Route responses of WebSocket APIs: a route with a ``$default`` route response is
two-way (its integration's answer is sent back to the client)."""

from __future__ import annotations

from typing import Any

from ..._core.client import operation
from .._errors import BadRequestException, ConflictException, NotFoundException
from .._http._base import EngineBase
from .._http._model import HttpApi, copied, is_websocket
from ._control import NOT_EMULATED, RESPONSE_KEY

__all__ = ["RouteResponseClientOps", "RouteResponseOps"]

_ROUTE_NOT_FOUND = "Invalid Route identifier specified {}"
_NOT_FOUND = "Invalid RouteResponse identifier specified {}"
_WEBSOCKET_ONLY = "Route responses are supported only for WebSocket APIs"
_EXISTS = "RouteResponse with key {} already exists for this Route"
_NOT_EMULATED = ("ModelSelectionExpression", "ResponseModels", "ResponseParameters")


class RouteResponseOps(EngineBase):
    """CreateRouteResponse, GetRouteResponse(s), UpdateRouteResponse, DeleteRouteResponse."""

    def _responses_of(self, params: dict[str, Any]) -> tuple[HttpApi, dict[str, dict[str, Any]]]:
        api = self._api(params)
        if not is_websocket(api):
            raise BadRequestException(_WEBSOCKET_ONLY)
        route = self._child(
            api.routes, params.get("RouteId"), "Invalid Route identifier specified {}"
        )
        return api, api.route_responses.setdefault(route["RouteId"], {})

    @staticmethod
    def _check(params: dict[str, Any]) -> None:
        for name in _NOT_EMULATED:
            if params.get(name):
                raise BadRequestException(NOT_EMULATED.format(name))
        key = params.get("RouteResponseKey")
        if key is not None and key != "$default":
            raise BadRequestException(RESPONSE_KEY.format(key))

    def create_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateRouteResponse: ``$default`` makes the route two-way."""
        self._check(params)
        with self.lock:
            api, responses = self._responses_of(params)
            key = params["RouteResponseKey"]
            if any(r["RouteResponseKey"] == key for r in responses.values()):
                raise ConflictException(_EXISTS.format(key))
            response_id = self._new_id(responses)
            responses[response_id] = {"RouteResponseId": response_id, "RouteResponseKey": key}
            self._changed(api)
            return copied(responses[response_id])  # type: ignore[no-any-return]

    def _response(self, params: dict[str, Any]) -> tuple[HttpApi, dict[str, dict[str, Any]], str]:
        api, responses = self._responses_of(params)
        response_id = params.get("RouteResponseId")
        if not isinstance(response_id, str) or response_id not in responses:
            raise NotFoundException(_NOT_FOUND.format(response_id))
        return api, responses, response_id

    def get_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRouteResponse."""
        with self.lock:
            _, responses, response_id = self._response(params)
            return copied(responses[response_id])  # type: ignore[no-any-return]

    def get_route_responses(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRouteResponses: the route's responses, paged."""
        with self.lock:
            _, responses = self._responses_of(params)
            return self._page(list(responses.values()), params)

    def update_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRouteResponse (the key stays ``$default``)."""
        self._check(params)
        with self.lock:
            _, responses, response_id = self._response(params)
            return copied(responses[response_id])  # type: ignore[no-any-return]

    def delete_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRouteResponse: the route is one-way again."""
        with self.lock:
            api, responses, response_id = self._response(params)
            del responses[response_id]
            self._changed(api)
            return {}

    def two_way(self, api: HttpApi, route_id: str) -> bool:
        """Whether the route has a route response (its answers go back to the client)."""
        return bool(api.route_responses.get(route_id))


class RouteResponseClientOps:
    """The ``apigatewayv2`` client's route-response operations (WebSocket APIs)."""

    _engine: RouteResponseOps

    @operation("CreateRouteResponse")
    def create_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Give a WebSocket route a response, so its integration's answer reaches the client.

        CreateRouteResponse. ``ApiId``, ``RouteId``, ``RouteResponseKey`` (``$default``).
        """
        return self._engine.create_route_response(params)

    @operation("GetRouteResponse")
    def get_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one route response.

        GetRouteResponse. ``ApiId``, ``RouteId``, ``RouteResponseId``.
        """
        return self._engine.get_route_response(params)

    @operation("GetRouteResponses")
    def get_route_responses(self, params: dict[str, Any]) -> dict[str, Any]:
        """List a route's responses, a page at a time.

        GetRouteResponses. ``ApiId``, ``RouteId``, ``MaxResults``, ``NextToken``.
        """
        return self._engine.get_route_responses(params)

    @operation("UpdateRouteResponse")
    def update_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Update a route response (its key stays ``$default``).

        UpdateRouteResponse. ``ApiId``, ``RouteId``, ``RouteResponseId``.
        """
        return self._engine.update_route_response(params)

    @operation("DeleteRouteResponse")
    def delete_route_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove a route response: the route becomes one-way.

        DeleteRouteResponse. ``ApiId``, ``RouteId``, ``RouteResponseId``.
        """
        return self._engine.delete_route_response(params)
