"""The Lambda client's event source mapping operations (a base class of ``LambdaClient``)."""

from __future__ import annotations

from .._core.client import Params, Response, ServiceClient, operation
from ._esm import EventSourceMappings

__all__ = ["EventSourceMappingOperations"]


class EventSourceMappingOperations(ServiceClient):
    """Create/Get/Update/Delete/ListEventSourceMappings, for DynamoDB streams and SQS queues.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> table = cloud.dynamo.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    >>> _ = cloud.lambda_.create_function("audit", handler=lambda e, c: None)
    >>> client = cloud.client("lambda")
    >>> made = client.create_event_source_mapping(EventSourceArn=table.stream.arn,
    ...     FunctionName="audit", StartingPosition="TRIM_HORIZON", BatchSize=50)
    >>> made["State"], made["BatchSize"], made["LastProcessingResult"]
    ('Creating', 50, 'No records processed')
    >>> [m["State"] for m in client.list_event_source_mappings()["EventSourceMappings"]]
    ['Enabled']

    A queue's messages, in batches; a batch that succeeds is deleted:

    >>> sqs = cloud.client("sqs")
    >>> url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    >>> queue_arn = sqs.get_queue_attributes(QueueUrl=url,
    ...     AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    >>> made = client.create_event_source_mapping(EventSourceArn=queue_arn,
    ...     FunctionName="audit", FunctionResponseTypes=["ReportBatchItemFailures"])
    >>> made["BatchSize"], made["StateTransitionReason"]
    (10, 'USER_INITIATED')
    >>> _ = sqs.send_message(QueueUrl=url, MessageBody="hello")
    >>> _ = cloud.run_until_idle()
    >>> sqs.get_queue_attributes(QueueUrl=url,
    ...     AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
    {'ApproximateNumberOfMessages': '0'}
    """

    @property
    def _esm(self) -> EventSourceMappings:
        svc: EventSourceMappings = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    @operation("CreateEventSourceMapping")
    def create_event_source_mapping(self, p: Params) -> Response:
        """Start invoking a function with the records of a DynamoDB stream or an SQS queue.

        CreateEventSourceMapping. Required: ``EventSourceArn`` (a stream or queue ARN)
        and ``FunctionName`` (name, ARN or alias ARN); a stream also needs
        ``StartingPosition`` (``TRIM_HORIZON`` or ``LATEST``). Often used:
        ``BatchSize``, ``MaximumBatchingWindowInSeconds``, ``FunctionResponseTypes``
        and ``FilterCriteria``; for streams ``BisectBatchOnFunctionError``,
        ``MaximumRetryAttempts`` and ``DestinationConfig``; for queues
        ``ScalingConfig``. Returns the mapping, ``State`` ``Creating``.
        """
        return self._esm.create_event_source_mapping(p)

    @operation("GetEventSourceMapping")
    def get_event_source_mapping(self, p: Params) -> Response:
        """Read one mapping's settings and state.

        GetEventSourceMapping. Required: ``UUID``. Returns the mapping, with ``State``
        and ``LastProcessingResult``.
        """
        return self._esm.get_event_source_mapping(p.get("UUID"))  # type: ignore[arg-type]

    @operation("UpdateEventSourceMapping")
    def update_event_source_mapping(self, p: Params) -> Response:
        """Change a mapping's settings, its function, or turn it on or off.

        UpdateEventSourceMapping. Required: ``UUID``. Any of ``Enabled``,
        ``FunctionName``, ``BatchSize`` and the other settings of Create (not the
        stream nor ``StartingPosition``). Returns the mapping, ``State`` ``Updating``,
        ``Enabling`` or ``Disabling``.
        """
        return self._esm.update_event_source_mapping(p)

    @operation("DeleteEventSourceMapping")
    def delete_event_source_mapping(self, p: Params) -> Response:
        """Stop and remove a mapping.

        DeleteEventSourceMapping. Required: ``UUID``. Returns the mapping as it was,
        ``State`` ``Deleting``.
        """
        return self._esm.delete_event_source_mapping(p.get("UUID"))  # type: ignore[arg-type]

    @operation("ListEventSourceMappings")
    def list_event_source_mappings(self, p: Params) -> Response:
        """List mappings, optionally of one stream and/or one function, a page at a time.

        ListEventSourceMappings. Optional: ``EventSourceArn``, ``FunctionName``,
        ``Marker`` and ``MaxItems``. Returns ``EventSourceMappings`` and ``NextMarker``
        when more remain.
        """
        return self._esm.list_event_source_mappings(p)
