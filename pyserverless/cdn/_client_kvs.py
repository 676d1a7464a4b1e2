"""KeyValueStores through boto3's clients: the stores on ``cloud.client("cloudfront")``,
their keys on ``cloud.client("cloudfront-keyvaluestore")`` (the data API).

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> store = cloud.client("cloudfront").create_key_value_store(Name="redirects")
>>> arn = store["KeyValueStore"]["ARN"]
>>> kvs = cloud.client("cloudfront-keyvaluestore")
>>> etag = kvs.describe_key_value_store(KvsARN=arn)["ETag"]
>>> kvs.put_key(KvsARN=arn, Key="/old", Value="/new", IfMatch=etag)["ItemCount"]
1
>>> kvs.get_key(KvsARN=arn, Key="/old")["Value"]
'/new'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from .._core.client import Params, Response, ServiceClient, operation
from ._kvs import KvsDataError

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import CloudFront

__all__ = ["KeyValueStoreClient", "KeyValueStoreData", "KeyValueStoreLimits", "KvsClientOps"]


class KvsClientOps:
    """CreateKeyValueStore and the rest of the store operations of CloudFront's client."""

    _engine: Any

    @operation("CreateKeyValueStore")
    def create_key_value_store(self, params: Params) -> Response:
        """Create a KeyValueStore, empty or imported from S3.

        CreateKeyValueStore. Required: ``Name``. Optional: ``Comment``, ``ImportSource``
        (``SourceType`` S3, ``SourceARN`` of a JSON object ``{"data": [{"key", "value"}]}``).
        Returns ``KeyValueStore``, ``ETag`` and ``Location``.
        """
        return self._engine.create_key_value_store(params)  # type: ignore[no-any-return]

    @operation("DescribeKeyValueStore")
    def describe_key_value_store(self, params: Params) -> Response:
        """Read a KeyValueStore's description. DescribeKeyValueStore. Required: ``Name``."""
        return self._engine.describe_key_value_store(params)  # type: ignore[no-any-return]

    @operation("UpdateKeyValueStore")
    def update_key_value_store(self, params: Params) -> Response:
        """Change a KeyValueStore's comment.

        UpdateKeyValueStore. Required: ``Name``, ``Comment``, ``IfMatch``.
        """
        return self._engine.update_key_value_store(params)  # type: ignore[no-any-return]

    @operation("DeleteKeyValueStore")
    def delete_key_value_store(self, params: Params) -> Response:
        """Delete a KeyValueStore no function uses.

        DeleteKeyValueStore. Required: ``Name``, ``IfMatch``.
        """
        return self._engine.delete_key_value_store(params)  # type: ignore[no-any-return]

    @operation("ListKeyValueStores")
    def list_key_value_stores(self, params: Params) -> Response:
        """List the account's KeyValueStores. ListKeyValueStores (``Status``, paging)."""
        return self._engine.list_key_value_stores(params)  # type: ignore[no-any-return]


@attrs.frozen
class KeyValueStoreLimits:
    """The data API's settings: none of its own (the quotas are CloudFront's)."""


class KeyValueStoreData:
    """The data API's engine: the keys live with their stores, in CloudFront's engine."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region

    @property
    def stores(self) -> CloudFront:
        """CloudFront's engine (global: us-east-1), which holds the stores."""
        engine: CloudFront = self.cloud.engine("cloudfront", "us-east-1")
        return engine


class KeyValueStoreClient(ServiceClient):
    """boto3's ``cloudfront-keyvaluestore`` client: the keys of a KeyValueStore."""

    service_name: ClassVar[str] = "cloudfront-keyvaluestore"
    error_base: ClassVar[type[KvsDataError]] = KvsDataError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        data: KeyValueStoreData = cloud.engine("cloudfront-keyvaluestore", region_name)
        self._stores = data.stores

    @operation("DescribeKeyValueStore")
    def describe_key_value_store(self, params: Params) -> Response:
        """A store's item count, size, status and the ETag writes must quote.

        DescribeKeyValueStore. Required: ``KvsARN``.
        """
        return self._stores.kvs_describe(params)

    @operation("GetKey")
    def get_key(self, params: Params) -> Response:
        """Read one key's value. GetKey. Required: ``KvsARN``, ``Key``."""
        return self._stores.kvs_get_key(params)

    @operation("ListKeys")
    def list_keys(self, params: Params) -> Response:
        """List keys and values in key order.

        ListKeys. Required: ``KvsARN``. Optional: ``MaxResults`` (1-50), ``NextToken``.
        """
        return self._stores.kvs_list_keys(params)

    @operation("PutKey")
    def put_key(self, params: Params) -> Response:
        """Set one key. PutKey. Required: ``KvsARN``, ``Key``, ``Value``, ``IfMatch``."""
        return self._stores.kvs_put_key(params)

    @operation("DeleteKey")
    def delete_key(self, params: Params) -> Response:
        """Remove one key. DeleteKey. Required: ``KvsARN``, ``Key``, ``IfMatch``."""
        return self._stores.kvs_delete_key(params)

    @operation("UpdateKeys")
    def update_keys(self, params: Params) -> Response:
        """Put and delete keys as one change.

        UpdateKeys. Required: ``KvsARN``, ``IfMatch``. Optional: ``Puts``, ``Deletes``.
        """
        return self._stores.kvs_update_keys(params)
