"""ListFunctions paging: at most 50 functions per call."""

from __future__ import annotations


def test_list_functions_pages_hold_at_most_50() -> None:
    """ListFunctions returns up to 50 functions per call, even when MaxItems asks for more;
    the rest follow by NextMarker."""
    from pyserverless import Cloud, ManualClock

    cloud = Cloud(clock=ManualClock(0))
    for n in range(55):
        cloud.lambda_.create_function(f"f{n:02d}", handler=lambda event, context: None)
    client = cloud.client("lambda")
    first = client.list_functions(MaxItems=100)
    assert len(first["Functions"]) == 50
    rest = client.list_functions(MaxItems=100, Marker=first["NextMarker"])
    assert len(rest["Functions"]) == 5 and "NextMarker" not in rest
    assert len(client.list_functions(MaxItems=7)["Functions"]) == 7
    cloud.close()
