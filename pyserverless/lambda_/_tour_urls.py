"""The function URL stop of ``pyserverless tour``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def _greet(event: dict[str, Any], context: Any) -> dict[str, Any]:
    name = (event.get("queryStringParameters") or {}).get("name", "world")
    return {"statusCode": 200, "headers": {"content-type": "text/plain"}, "body": f"hi {name}"}


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """Lambda function URLs: an HTTPS endpoint per function, guarded by its policy."""
    fn = cloud.lambda_.create_function("greet", handler=_greet)
    lam = cloud.client("lambda")
    made = lam.create_function_url_config(FunctionName="greet", AuthType="NONE")
    say(f"Created the URL {made['FunctionUrl']}")
    url = fn.url()
    say(f"  GET /?name=ada -> {url.invoke('GET', '/', query='name=ada').status} (no policy yet)")
    lam.add_permission(
        FunctionName="greet",
        StatementId="public-url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )
    lam.add_permission(
        FunctionName="greet",
        StatementId="public-invoke",
        Action="lambda:InvokeFunction",
        Principal="*",
        InvokedViaFunctionUrl=True,
    )
    answer = url.invoke("GET", "/", query="name=ada")
    say(f"  after AddPermission x2 -> {answer.status} {answer.body.decode()!r}")
    say(f"  over `pyserverless serve`: http://{url.url_id}.lambda-url.localhost:PORT/")
