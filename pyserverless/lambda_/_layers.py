"""Lambda layers: published versions of a zip, extracted under a function's ``/opt``.

A layer version is immutable; deleting it does not affect functions that use it (they
keep their copy, as on AWS). A function's layers are extracted in order into one
private folder (its ``/opt``; a later layer overwrites an earlier one's files), and
``/opt/python`` and ``/opt/python/lib/python3.x/site-packages`` become import paths of
its environments.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import attrs

from .._core.arns import arn
from . import _messages as msg
from ._errors import InvalidParameterValueException, ResourceNotFoundException
from ._limits import LambdaLimits
from ._model import Page
from ._validate import (
    ALL_RUNTIMES,
    ARCHITECTURES,
    LAYER_ARN,
    Checks,
    check_layers,
    measure_zip,
    paginate,
)

__all__ = ["LayerStore", "LayerVersion", "Layers"]

#: botocore's LayerName pattern: a name or a layer ARN.
LAYER_NAME = re.compile(
    r"^(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:(?P<arn_name>[a-zA-Z0-9-_]+))"
    r"|(?P<name>[a-zA-Z0-9-_]+)$"
)
LAYER_NAME_TEXT = re.sub(r"\?P<\w+>", "", LAYER_NAME.pattern)[1:-1]


@attrs.frozen
class LayerVersion:
    """One published version of a layer."""

    name: str
    layer_arn: str
    version: int
    description: str
    created: datetime
    code_sha256: str
    code_size: int
    unzipped_size: int
    compatible_runtimes: tuple[str, ...]
    compatible_architectures: tuple[str, ...]
    license_info: str | None
    folder: str = attrs.field(repr=False)

    @property
    def arn(self) -> str:
        return f"{self.layer_arn}:{self.version}"


class LayerStore:
    """The layers of one Lambda service (region): ``cloud.engine("lambda").layers``.

    >>> from pyserverless import Cloud
    >>> import io, zipfile
    >>> def package(name, source):
    ...     buf = io.BytesIO()
    ...     with zipfile.ZipFile(buf, "w") as zf:
    ...         zf.writestr(name, source)
    ...     return buf.getvalue()
    >>> cloud = Cloud.manual()
    >>> layer = cloud.engine("lambda").layers.publish(
    ...     "shared", package("python/shared.py", "GREETING = 'hi'\\n"))
    >>> layer.arn
    'arn:aws:lambda:us-east-1:123456789012:layer:shared:1'
    >>> app = "import shared\\ndef handler(e, c):\\n    return shared.GREETING\\n"
    >>> fn = cloud.lambda_.create_function(
    ...     "f", handler="app.handler", code=package("app.py", app), layers=[layer.arn])
    >>> fn.invoke()
    'hi'
    """

    def __init__(
        self,
        region: str,
        account_id: str,
        limits: LambdaLimits,
        work: Callable[[], str],
        now: Callable[[], datetime],
    ) -> None:
        self.region = region
        self.account_id = account_id
        self.limits = limits
        #: Makes (once) and returns the folder the service unpacks code into.
        self._work = work
        self._now = now
        self._lock = threading.Lock()
        #: name -> version number -> LayerVersion
        self.layers: dict[str, dict[int, LayerVersion]] = {}
        self._next: dict[str, int] = {}

    def layer_arn(self, name: str) -> str:
        return arn("lambda", self.region, self.account_id, f"layer:{name}")

    def _name(self, ref: Any) -> str:
        checks = Checks()
        checks.required(ref, "layerName")
        checks.pattern(ref, "layerName", LAYER_NAME, 140, LAYER_NAME_TEXT)
        checks.raise_if_any()
        m = LAYER_NAME.match(ref)
        assert m is not None
        return str(m.group("name") or m.group("arn_name"))

    def publish(
        self,
        name: str,
        zip_file: bytes,
        *,
        description: str = "",
        compatible_runtimes: Sequence[str] = (),
        compatible_architectures: Sequence[str] = (),
        license_info: str | None = None,
    ) -> LayerVersion:
        """Publish the next version of a layer from zip bytes."""
        lim = self.limits
        layer = self._name(name)
        checks = Checks()
        checks.max_len(description, "description", lim.max_description_length)
        checks.max_len(license_info, "licenseInfo", lim.max_license_info_length)
        runtimes = tuple(compatible_runtimes or ())
        archs = tuple(compatible_architectures or ())
        if len(runtimes) > lim.max_compatible_runtimes:
            checks.add(runtimes, "compatibleRuntimes", msg.LEN_LE.format(n=15))
        for runtime in runtimes:
            if runtime not in ALL_RUNTIMES:
                enum = msg.ENUM.format(values=", ".join(ALL_RUNTIMES))
                checks.add(runtime, "compatibleRuntimes", msg.MEMBER.format(constraint=enum))
        if len(archs) > lim.max_compatible_architectures:
            checks.add(archs, "compatibleArchitectures", msg.LEN_LE.format(n=2))
        for arch in archs:
            if arch not in ARCHITECTURES:
                enum = msg.ENUM.format(values=", ".join(ARCHITECTURES))
                checks.add(arch, "compatibleArchitectures", msg.MEMBER.format(constraint=enum))
        checks.raise_if_any()
        if not isinstance(zip_file, (bytes, bytearray)):
            raise InvalidParameterValueException(msg.LAYER_CONTENT_REQUIRED)
        data = bytes(zip_file)
        unzipped = measure_zip(data, lim, "PublishLayerVersion")
        folder = tempfile.mkdtemp(prefix=f"layer-{layer}-", dir=self._work())
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.extractall(folder)
        with self._lock:
            number = self._next.get(layer, 1)
            self._next[layer] = number + 1
            version = LayerVersion(
                layer,
                self.layer_arn(layer),
                number,
                description,
                self._now(),
                base64.b64encode(hashlib.sha256(data).digest()).decode(),
                len(data),
                unzipped,
                runtimes,
                archs,
                license_info,
                folder,
            )
            self.layers.setdefault(layer, {})[number] = version
        return version

    def get(self, name: Any, version: int, *, policy: bool = False) -> LayerVersion:
        """One layer version; ResourceNotFoundException if it does not exist (the layer
        policy operations name the missing version, as AWS does)."""
        layer = self._name(name)
        found = self.layers.get(layer, {}).get(version)
        if found is None:
            if policy:
                raise ResourceNotFoundException(
                    msg.LAYER_VERSION_MISSING.format(arn=f"{self.layer_arn(layer)}:{version}")
                )
            raise ResourceNotFoundException(msg.LAYER_NOT_FOUND)
        return found

    def get_by_arn(self, layer_version_arn: str) -> LayerVersion:
        checks = Checks()
        checks.pattern(layer_version_arn, "arn", LAYER_ARN, 140)
        checks.raise_if_any()
        layer_arn, _, number = layer_version_arn.rpartition(":")
        found = self.layers.get(layer_arn.rpartition(":")[2], {}).get(int(number))
        if found is None or found.layer_arn != layer_arn:
            raise ResourceNotFoundException(msg.LAYER_NOT_FOUND)
        return found

    def versions(self, name: Any) -> list[LayerVersion]:
        """A layer's versions, newest first (as ListLayerVersions lists them)."""
        layer = self._name(name)
        with self._lock:
            return [v for _, v in sorted(self.layers.get(layer, {}).items(), reverse=True)]

    def names(self) -> list[str]:
        with self._lock:
            return sorted(name for name, versions in self.layers.items() if versions)

    def delete(self, name: Any, version: int) -> None:
        """Delete a layer version (functions using it keep their copy); idempotent."""
        layer = self._name(name)
        with self._lock:
            self.layers.get(layer, {}).pop(version, None)

    # -- a function's layers -------------------------------------------------------------
    def resolve(self, layers: Any) -> tuple[LayerVersion, ...]:
        """Check a function's Layers (count, ARNs, region, existence); return them."""
        arns = check_layers(layers, self.limits)
        out = []
        for layer_arn in arns:
            region = layer_arn.split(":")[3]
            if region != self.region:
                raise InvalidParameterValueException(
                    msg.LAYER_OTHER_REGION.format(region=self.region)
                )
            try:
                out.append(self.get_by_arn(layer_arn))
            except ResourceNotFoundException:
                raise InvalidParameterValueException(
                    msg.LAYER_VERSION_MISSING.format(arn=layer_arn)
                ) from None
        return tuple(out)

    def check_total(self, code_unzipped: int, layers: Sequence[LayerVersion]) -> None:
        """Code plus layers within the unzipped package quota."""
        limit = self.limits.max_unzipped_package_bytes
        total = code_unzipped + sum(layer.unzipped_size for layer in layers)
        if layers and total > limit:
            raise InvalidParameterValueException(
                msg.LAYERS_TOO_LARGE.format(limit=limit, size=total)
            )

    def opt_paths(self, layers: Sequence[LayerVersion]) -> Callable[[], tuple[str, ...]]:
        """A commit step: extract ``layers`` into a new /opt; it returns the import paths."""

        def commit() -> tuple[str, ...]:
            if not layers:
                return ()
            opt = tempfile.mkdtemp(prefix="opt-", dir=self._work())
            for layer in layers:
                _copy_tree(layer.folder, opt)
            python = os.path.join(opt, "python")
            version = f"python{sys.version_info.major}.{sys.version_info.minor}"
            site = os.path.join(python, "lib", version, "site-packages")
            return (site, python)

        return commit


def _copy_tree(source: str, target: str) -> None:
    for root, _dirs, files in os.walk(source):
        rel = os.path.relpath(root, source)
        dest = os.path.join(target, rel) if rel != "." else target
        os.makedirs(dest, exist_ok=True)
        for file in files:
            with (
                open(os.path.join(root, file), "rb") as src,
                open(os.path.join(dest, file), "wb") as dst,
            ):
                dst.write(src.read())


def _version_number(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidParameterValueException(f"Invalid layer version number: {value}") from None
    if number < 1:  # AWS's words (localstack's AWS-recorded test_layer_exceptions)
        raise InvalidParameterValueException(msg.LAYER_VERSION_BELOW_ONE)
    return number


def _filters(runtime: Any, arch: Any) -> None:
    checks = Checks()
    if runtime is not None and runtime not in ALL_RUNTIMES:
        checks.add(runtime, "compatibleRuntime", msg.ENUM.format(values=", ".join(ALL_RUNTIMES)))
    if arch is not None and arch not in ARCHITECTURES:
        checks.add(arch, "compatibleArchitecture", msg.ENUM.format(values=", ".join(ARCHITECTURES)))
    checks.raise_if_any()


def _matches(layer: LayerVersion, runtime: str | None, arch: str | None) -> bool:
    return (runtime is None or runtime in layer.compatible_runtimes) and (
        arch is None or arch in layer.compatible_architectures
    )


class Layers:
    """The layer operations of the engine (a base class of ``LambdaService``)."""

    layers: LayerStore
    limits: LambdaLimits

    def publish_layer_version(
        self,
        name: str,
        zip_file: bytes,
        *,
        description: str = "",
        compatible_runtimes: Sequence[str] = (),
        compatible_architectures: Sequence[str] = (),
        license_info: str | None = None,
    ) -> LayerVersion:
        """PublishLayerVersion from zip bytes: the layer's next version."""
        return self.layers.publish(
            name,
            zip_file,
            description=description,
            compatible_runtimes=compatible_runtimes,
            compatible_architectures=compatible_architectures,
            license_info=license_info,
        )

    def get_layer_version(self, name: Any, version_number: Any) -> LayerVersion:
        """GetLayerVersion (by name or layer ARN, and number)."""
        return self.layers.get(name, _version_number(version_number))

    def get_layer_version_by_arn(self, layer_version_arn: str) -> LayerVersion:
        """GetLayerVersionByArn."""
        return self.layers.get_by_arn(layer_version_arn)

    def delete_layer_version(self, name: Any, version_number: Any) -> None:
        """DeleteLayerVersion (functions using it keep their copy); idempotent."""
        self.layers.delete(name, _version_number(version_number))

    def list_layer_versions(
        self,
        name: Any,
        *,
        compatible_runtime: str | None = None,
        compatible_architecture: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """ListLayerVersions: one page of a layer's versions, newest first."""
        _filters(compatible_runtime, compatible_architecture)
        versions = [
            v
            for v in self.layers.versions(name)
            if _matches(v, compatible_runtime, compatible_architecture)
        ]
        order = {v.version: i for i, v in enumerate(versions)}
        page, next_marker = paginate(
            versions, lambda v: f"{order[v.version]:010d}", marker, max_items, self.limits
        )
        return Page(tuple(page), next_marker)

    def list_layers(
        self,
        *,
        compatible_runtime: str | None = None,
        compatible_architecture: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """ListLayers: one page of each layer's newest matching version, by name."""
        _filters(compatible_runtime, compatible_architecture)
        store = self.layers
        items = []
        for name in store.names():
            latest = next(
                (
                    v
                    for v in store.versions(name)
                    if _matches(v, compatible_runtime, compatible_architecture)
                ),
                None,
            )
            if latest is not None:
                items.append(latest)
        page, next_marker = paginate(items, lambda v: v.name, marker, max_items, self.limits)
        return Page(tuple(page), next_marker)
