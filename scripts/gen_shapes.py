"""Generate pyserverless's compact request-shape tables from botocore's service models.

Usage (from the repository root, with botocore installed)::

    python scripts/gen_shapes.py dynamodb lambda cognito-idp

writes ``pyserverless/_models/<service>.json`` for each service named: every operation's
input shape and every shape reachable from it, with only what request validation
needs (no documentation, no output shapes, no errors). The runtime reads these tables
(``pyserverless._core.shapes``) and never imports botocore. Re-run it when botocore's
models change or a service is added, and commit the output.

Table layout (keys kept short: the files ship in the wheel)::

    {"service": "dynamodb", "botocore": "1.44.8",
     "operations": {"PutItem": "PutItemInput", "DescribeLimits": "DescribeLimitsInput"},
     "shapes": {"PutItemInput": {"t": "structure", "m": {"TableName": "TableArn"},
                                 "r": ["TableName", "Item"]},
                "TableArn": {"t": "string", "min": 1, "max": 1024}}}

Shape fields: ``t`` the type; ``m`` a structure's members (name -> shape name, in the
model's order), ``r`` its required members, ``i`` its idempotency-token members
(botocore fills these in when absent), ``h`` its host-label members (an implicit
minimum of 1), ``u`` a tagged union, ``d`` a document; ``l`` a list's member; ``k``
and ``v`` a map's key and value; ``e`` an enum, ``p`` a pattern, ``min``/``max`` a
length (strings, blobs, lists, maps) or a range (numbers). An operation without an
input shape maps to ``null``.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Any

OUT = pathlib.Path(__file__).resolve().parent.parent / "pyserverless" / "_models"
_UNSUPPORTED_MEMBER_TRAITS = ("jsonvalue",)


def _compact(name: str, shape: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"t": shape["type"]}
    kind = shape["type"]
    if kind == "structure":
        members = shape.get("members", {})
        out["m"] = {m: ref["shape"] for m, ref in members.items()}
        for key, trait in (("i", "idempotencyToken"), ("h", "hostLabel")):
            found = [m for m, ref in members.items() if ref.get(trait)]
            if found:
                out[key] = found
        for member, ref in members.items():
            for trait in _UNSUPPORTED_MEMBER_TRAITS:
                if ref.get(trait):
                    raise SystemExit(f"{name}.{member}: trait {trait!r} is not supported yet")
        if shape.get("required"):
            out["r"] = list(shape["required"])
        if shape.get("union"):
            out["u"] = 1
        if shape.get("document"):
            out["d"] = 1
    elif kind == "list":
        out["l"] = shape["member"]["shape"]
    elif kind == "map":
        out["k"] = shape["key"]["shape"]
        out["v"] = shape["value"]["shape"]
    for key, field in (("min", "min"), ("max", "max"), ("e", "enum"), ("p", "pattern")):
        if field in shape:
            out[key] = shape[field]
    return out


def _children(shape: dict[str, Any]) -> list[str]:
    kind = shape["type"]
    if kind == "structure":
        return [ref["shape"] for ref in shape.get("members", {}).values()]
    if kind == "list":
        return [shape["member"]["shape"]]
    if kind == "map":
        return [shape["key"]["shape"], shape["value"]["shape"]]
    return []


def table(model: dict[str, Any], service: str, version: str) -> dict[str, Any]:
    """The compact table of ``model`` (botocore's ``service-2`` data)."""
    shapes = model["shapes"]
    operations: dict[str, str | None] = {}
    todo: list[str] = []
    for op, spec in sorted(model["operations"].items()):
        ref = spec.get("input")
        operations[op] = ref["shape"] if ref else None
        if ref:
            todo.append(ref["shape"])
    seen: dict[str, dict[str, Any]] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen[name] = _compact(name, shapes[name])
        todo.extend(_children(shapes[name]))
    return {
        "service": service,
        "botocore": version,
        "operations": operations,
        "shapes": dict(sorted(seen.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("services", nargs="+", help="botocore service names (dynamodb, lambda)")
    parser.add_argument("--out", type=pathlib.Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    import botocore
    from botocore.loaders import create_loader

    loader = create_loader()
    args.out.mkdir(parents=True, exist_ok=True)
    for service in args.services:
        data = table(loader.load_service_model(service, "service-2"), service, botocore.__version__)
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=True) + "\n"
        path = args.out / f"{service}.json"
        path.write_text(text, encoding="ascii")
        print(f"{path}: {len(data['operations'])} operations, {len(data['shapes'])} shapes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
