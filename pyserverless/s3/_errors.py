"""S3's errors: one class per AWS code, AWS's message, and the extra fields S3 sends.

On the wire S3 answers an error as XML (``<Error><Code>NoSuchKey</Code><Message>...
</Message><Key>a.txt</Key>...``); botocore puts every child of ``<Error>`` into
``response["Error"]``. The client layer raises the same: the extra fields (``BucketName``,
``Key``, ``Condition``, ...) sit next to ``Code`` and ``Message``. HeadObject and
HeadBucket answer without a body, so botocore sees only the status: those errors have
the code ``"404"`` (``"Not Found"``), ``"403"``, ``"412"`` or ``"304"`` (see
:func:`head_error`).

>>> err = NoSuchKey(Key="a.txt")
>>> err.response["Error"]
{'Code': 'NoSuchKey', 'Message': 'The specified key does not exist.', 'Key': 'a.txt'}
>>> err.response["ResponseMetadata"]["HTTPStatusCode"]
404
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.errors import AWSError

__all__ = [
    "AccessControlListNotSupported",
    "AccessDenied",
    "BadDigest",
    "BucketAlreadyExists",
    "BucketAlreadyOwnedByYou",
    "BucketNotEmpty",
    "EntityTooLarge",
    "EntityTooSmall",
    "IllegalLocationConstraintException",
    "InvalidArgument",
    "InvalidBucketName",
    "InvalidDigest",
    "InvalidLocationConstraint",
    "InvalidPart",
    "InvalidPartOrder",
    "InvalidRange",
    "InvalidRequest",
    "InvalidTag",
    "KeyTooLongError",
    "MalformedXML",
    "MetadataTooLarge",
    "MethodNotAllowed",
    "NoSuchBucket",
    "NoSuchCORSConfiguration",
    "NoSuchKey",
    "NoSuchTagSet",
    "NoSuchUpload",
    "NoSuchVersion",
    "NotImplemented",
    "PreconditionFailed",
    "S3Error",
    "TooManyBuckets",
    "head_error",
]


class S3Error(AWSError):
    """Base of S3's errors. Extra keyword fields go into ``response["Error"]``, as botocore
    parses them from S3's XML."""

    service: ClassVar[str] = "s3"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        operation: str | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message, code=code, status=status, operation=operation, **extra)
        error = self.response["Error"]
        for name, value in extra.items():
            self.response.pop(name, None)
            error[name] = value

    @property
    def fields(self) -> dict[str, Any]:
        """The extra fields of the error (what ``<Error>`` holds besides Code and Message)."""
        return dict(self.extra)


def _error(name: str, status: int, message: str, doc: str) -> type[S3Error]:
    cls = type(
        name, (S3Error,), {"status_code": status, "default_message": message, "__doc__": doc}
    )
    cls.__module__ = __name__
    return cls


# Messages are S3's own texts (S3 API reference, "Error responses", and observed answers).
AccessDenied = _error("AccessDenied", 403, "Access Denied", "Access is refused.")
AccessControlListNotSupported = _error(
    "AccessControlListNotSupported",
    400,
    "The bucket does not allow ACLs",
    "An ACL other than the owner's on a bucket whose owner enforces ownership.",
)
BadDigest = _error(
    "BadDigest",
    400,
    "The Content-MD5 you specified did not match what we received.",
    "A digest or checksum does not match the body.",
)
BucketAlreadyExists = _error(
    "BucketAlreadyExists",
    409,
    "The requested bucket name is not available. The bucket namespace is shared by all "
    "users of the system. Please select a different name and try again.",
    "The bucket name is taken (by another account, or in another Region).",
)
BucketAlreadyOwnedByYou = _error(
    "BucketAlreadyOwnedByYou",
    409,
    "Your previous request to create the named bucket succeeded and you already own it.",
    "The bucket exists and this account owns it.",
)
BucketNotEmpty = _error(
    "BucketNotEmpty",
    409,
    "The bucket you tried to delete is not empty",
    "DeleteBucket on a bucket that holds objects (or versions).",
)
EntityTooLarge = _error(
    "EntityTooLarge",
    400,
    "Your proposed upload exceeds the maximum allowed size",
    "A body larger than S3 takes in one request.",
)
EntityTooSmall = _error(
    "EntityTooSmall",
    400,
    "Your proposed upload is smaller than the minimum allowed object size.",
    "A part other than the last one is under the minimum part size.",
)
IllegalLocationConstraintException = _error(
    "IllegalLocationConstraintException",
    400,
    "The unspecified location constraint is incompatible for the region specific "
    "endpoint this request was sent to.",
    "CreateBucket's LocationConstraint does not match the Region of the endpoint.",
)
InvalidArgument = _error("InvalidArgument", 400, "Invalid Argument", "An argument is not valid.")
InvalidBucketName = _error(
    "InvalidBucketName",
    400,
    "The specified bucket is not valid.",
    "A bucket name breaks the rules.",
)
InvalidDigest = _error(
    "InvalidDigest",
    400,
    "The Content-MD5 you specified was invalid.",
    "A Content-MD5 that is not the Base64 of 16 bytes.",
)
InvalidLocationConstraint = _error(
    "InvalidLocationConstraint",
    400,
    "The specified location-constraint is not valid",
    "A LocationConstraint that names no Region (or us-east-1, which is given by none).",
)
InvalidPart = _error(
    "InvalidPart",
    400,
    "One or more of the specified parts could not be found.  The part may not have been "
    "uploaded, or the specified entity tag may not match the part's entity tag.",
    "CompleteMultipartUpload names a part that was not uploaded, or its ETag differs.",
)
InvalidPartOrder = _error(
    "InvalidPartOrder",
    400,
    "The list of parts was not in ascending order. Parts must be ordered by part number.",
    "CompleteMultipartUpload lists parts out of order.",
)
InvalidRange = _error(
    "InvalidRange",
    416,
    "The requested range is not satisfiable",
    "A Range that starts past the end.",
)
InvalidRequest = _error("InvalidRequest", 400, "Invalid Request", "A request S3 cannot serve.")
InvalidTag = _error(
    "InvalidTag", 400, "The tag provided was not a valid tag.", "A tag breaks a rule."
)
KeyTooLongError = _error("KeyTooLongError", 400, "Your key is too long", "A key over 1,024 bytes.")
MalformedXML = _error(
    "MalformedXML",
    400,
    "The XML you provided was not well-formed or did not validate against our published schema",
    "A request body that does not fit the schema.",
)
MetadataTooLarge = _error(
    "MetadataTooLarge",
    400,
    "Your metadata headers exceed the maximum allowed metadata size.",
    "User metadata over 2 KB.",
)
MethodNotAllowed = _error(
    "MethodNotAllowed",
    405,
    "The specified method is not allowed against this resource.",
    "GetObject or HeadObject of a delete marker by its version id.",
)
NoSuchBucket = _error(
    "NoSuchBucket", 404, "The specified bucket does not exist", "The bucket does not exist."
)
NoSuchCORSConfiguration = _error(
    "NoSuchCORSConfiguration",
    404,
    "The CORS configuration does not exist",
    "The bucket has no CORS configuration.",
)
NoSuchKey = _error("NoSuchKey", 404, "The specified key does not exist.", "The key does not exist.")
NoSuchTagSet = _error("NoSuchTagSet", 404, "The TagSet does not exist", "The bucket has no tags.")
NoSuchUpload = _error(
    "NoSuchUpload",
    404,
    "The specified upload does not exist. The upload ID may be invalid, or the upload may "
    "have been aborted or completed.",
    "The multipart upload does not exist (any more).",
)
NoSuchVersion = _error(
    "NoSuchVersion",
    404,
    "The specified version does not exist.",
    "The version id names no version of the key.",
)
NotImplemented = _error(
    "NotImplemented",
    501,
    "A header you provided implies functionality that is not implemented",
    "A feature pyserverless does not emulate (or S3 does not offer there).",
)
PreconditionFailed = _error(
    "PreconditionFailed",
    412,
    "At least one of the pre-conditions you specified did not hold",
    "An If-Match, If-None-Match or If-Unmodified-Since condition does not hold.",
)
TooManyBuckets = _error(
    "TooManyBuckets",
    400,
    "You have attempted to create more buckets than allowed",
    "The account's bucket quota is reached.",
)

_HEAD_TEXT = {404: "Not Found", 403: "Forbidden", 412: "Precondition Failed", 304: "Not Modified"}
_HEAD_TEXT.update(
    {400: "Bad Request", 405: "Method Not Allowed", 416: "Requested Range Not Satisfiable"}
)


def head_error(err: S3Error) -> S3Error:
    """What botocore raises for ``err`` answering a HEAD request: no body, so the code is the
    status (``"404"``) and the message its reason phrase.

    >>> head_error(NoSuchKey(Key="k")).response["Error"]
    {'Code': '404', 'Message': 'Not Found'}
    """
    status = err.status
    out = S3Error(_HEAD_TEXT.get(status, "Bad Request"), code=str(status), status=status)
    out.s3_code = err.code  # type: ignore[attr-defined]
    out.s3_fields = err.fields  # type: ignore[attr-defined]
    marker = getattr(err, "delete_marker", None)
    if marker is not None:  # the wire answers x-amz-delete-marker and the marker's version id
        out.delete_marker = marker  # type: ignore[attr-defined]
    return out


def not_modified() -> S3Error:
    """GetObject's (and HeadObject's) answer when If-None-Match or If-Modified-Since says the
    caller's copy is current: a 304, which botocore raises as code ``"304"``."""
    return S3Error("Not Modified", code="304", status=304)
