"""CloudFront's errors: one class per code of botocore's ``cloudfront`` model, with its status.

Generated from the model (the operations pyserverless implements or refuses by name).

>>> err = NoSuchDistribution("The specified distribution does not exist.")
>>> err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]
('NoSuchDistribution', 404)
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "AccessDenied",
    "BatchTooLarge",
    "CNAMEAlreadyExists",
    "CachePolicyAlreadyExists",
    "CachePolicyInUse",
    "CannotChangeImmutablePublicKeyFields",
    "CannotDeleteEntityWhileInUse",
    "CloudFrontError",
    "ContinuousDeploymentPolicyInUse",
    "DistributionAlreadyExists",
    "DistributionNotDisabled",
    "EntityAlreadyExists",
    "EntityLimitExceeded",
    "EntityNotFound",
    "EntitySizeLimitExceeded",
    "FunctionAlreadyExists",
    "FunctionInUse",
    "FunctionSizeLimitExceeded",
    "IllegalDelete",
    "IllegalFieldLevelEncryptionConfigAssociationWithCacheBehavior",
    "IllegalOriginAccessConfiguration",
    "IllegalUpdate",
    "InconsistentQuantities",
    "InvalidArgument",
    "InvalidAssociation",
    "InvalidDefaultRootObject",
    "InvalidDomainNameForOriginAccessControl",
    "InvalidErrorCode",
    "InvalidForwardCookies",
    "InvalidFunctionAssociation",
    "InvalidGeoRestrictionParameter",
    "InvalidHeadersForS3Origin",
    "InvalidIfMatchVersion",
    "InvalidLambdaFunctionAssociation",
    "InvalidLocationCode",
    "InvalidMinimumProtocolVersion",
    "InvalidOrigin",
    "InvalidOriginAccessControl",
    "InvalidOriginAccessIdentity",
    "InvalidOriginKeepaliveTimeout",
    "InvalidOriginReadTimeout",
    "InvalidProtocolSettings",
    "InvalidQueryStringParameters",
    "InvalidRelativePath",
    "InvalidRequiredProtocol",
    "InvalidResponseCode",
    "InvalidTTLOrder",
    "InvalidTagging",
    "InvalidViewerCertificate",
    "InvalidWebACLId",
    "KeyGroupAlreadyExists",
    "MissingBody",
    "NoSuchCachePolicy",
    "NoSuchContinuousDeploymentPolicy",
    "NoSuchDistribution",
    "NoSuchFieldLevelEncryptionConfig",
    "NoSuchFunctionExists",
    "NoSuchInvalidation",
    "NoSuchOrigin",
    "NoSuchOriginAccessControl",
    "NoSuchOriginRequestPolicy",
    "NoSuchPublicKey",
    "NoSuchRealtimeLogConfig",
    "NoSuchResource",
    "NoSuchResponseHeadersPolicy",
    "OriginAccessControlAlreadyExists",
    "OriginAccessControlInUse",
    "OriginRequestPolicyAlreadyExists",
    "OriginRequestPolicyInUse",
    "PreconditionFailed",
    "PublicKeyAlreadyExists",
    "PublicKeyInUse",
    "RealtimeLogConfigOwnerMismatch",
    "ResourceInUse",
    "ResourceNotDisabled",
    "ResponseHeadersPolicyAlreadyExists",
    "ResponseHeadersPolicyInUse",
    "StagingDistributionInUse",
    "TestFunctionFailed",
    "TooLongCSPInResponseHeadersPolicy",
    "TooManyCacheBehaviors",
    "TooManyCachePolicies",
    "TooManyCertificates",
    "TooManyCookieNamesInWhiteList",
    "TooManyCookiesInCachePolicy",
    "TooManyCookiesInOriginRequestPolicy",
    "TooManyCustomHeadersInResponseHeadersPolicy",
    "TooManyDistributionCNAMEs",
    "TooManyDistributions",
    "TooManyDistributionsAssociatedToCachePolicy",
    "TooManyDistributionsAssociatedToFieldLevelEncryptionConfig",
    "TooManyDistributionsAssociatedToKeyGroup",
    "TooManyDistributionsAssociatedToOriginAccessControl",
    "TooManyDistributionsAssociatedToOriginRequestPolicy",
    "TooManyDistributionsAssociatedToResponseHeadersPolicy",
    "TooManyDistributionsWithFunctionAssociations",
    "TooManyDistributionsWithLambdaAssociations",
    "TooManyDistributionsWithSingleFunctionARN",
    "TooManyFunctionAssociations",
    "TooManyFunctions",
    "TooManyHeadersInCachePolicy",
    "TooManyHeadersInForwardedValues",
    "TooManyHeadersInOriginRequestPolicy",
    "TooManyInvalidationsInProgress",
    "TooManyKeyGroups",
    "TooManyKeyGroupsAssociatedToDistribution",
    "TooManyLambdaFunctionAssociations",
    "TooManyOriginAccessControls",
    "TooManyOriginCustomHeaders",
    "TooManyOriginGroupsPerDistribution",
    "TooManyOriginRequestPolicies",
    "TooManyOrigins",
    "TooManyPublicKeys",
    "TooManyPublicKeysInKeyGroup",
    "TooManyQueryStringParameters",
    "TooManyQueryStringsInCachePolicy",
    "TooManyQueryStringsInOriginRequestPolicy",
    "TooManyRemoveHeadersInResponseHeadersPolicy",
    "TooManyResponseHeadersPolicies",
    "TooManyTrustedSigners",
    "TrustedKeyGroupDoesNotExist",
    "TrustedSignerDoesNotExist",
    "UnsupportedOperation",
]


class CloudFrontError(AWSError):
    """Base of CloudFront's errors."""

    service: ClassVar[str] = "cloudfront"


class AccessDenied(CloudFrontError):
    status_code: ClassVar[int] = 403


class BatchTooLarge(CloudFrontError):
    status_code: ClassVar[int] = 413


class CNAMEAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class CachePolicyAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class CachePolicyInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class CannotDeleteEntityWhileInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class ContinuousDeploymentPolicyInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class DistributionAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class DistributionNotDisabled(CloudFrontError):
    status_code: ClassVar[int] = 409


class EntityAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class EntityLimitExceeded(CloudFrontError):
    pass


class EntityNotFound(CloudFrontError):
    status_code: ClassVar[int] = 404


class EntitySizeLimitExceeded(CloudFrontError):
    status_code: ClassVar[int] = 413


class FunctionAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class FunctionInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class FunctionSizeLimitExceeded(CloudFrontError):
    status_code: ClassVar[int] = 413


class IllegalDelete(CloudFrontError):
    pass


class IllegalFieldLevelEncryptionConfigAssociationWithCacheBehavior(CloudFrontError):
    pass


class IllegalOriginAccessConfiguration(CloudFrontError):
    pass


class IllegalUpdate(CloudFrontError):
    pass


class InconsistentQuantities(CloudFrontError):
    pass


class InvalidArgument(CloudFrontError):
    pass


class InvalidAssociation(CloudFrontError):
    status_code: ClassVar[int] = 409


class InvalidDefaultRootObject(CloudFrontError):
    pass


class InvalidDomainNameForOriginAccessControl(CloudFrontError):
    pass


class InvalidErrorCode(CloudFrontError):
    pass


class InvalidForwardCookies(CloudFrontError):
    pass


class InvalidFunctionAssociation(CloudFrontError):
    pass


class InvalidGeoRestrictionParameter(CloudFrontError):
    pass


class InvalidHeadersForS3Origin(CloudFrontError):
    pass


class InvalidIfMatchVersion(CloudFrontError):
    pass


class InvalidLambdaFunctionAssociation(CloudFrontError):
    pass


class InvalidLocationCode(CloudFrontError):
    pass


class InvalidMinimumProtocolVersion(CloudFrontError):
    pass


class InvalidOrigin(CloudFrontError):
    pass


class InvalidOriginAccessControl(CloudFrontError):
    pass


class InvalidOriginAccessIdentity(CloudFrontError):
    pass


class InvalidOriginKeepaliveTimeout(CloudFrontError):
    pass


class InvalidOriginReadTimeout(CloudFrontError):
    pass


class InvalidProtocolSettings(CloudFrontError):
    pass


class InvalidQueryStringParameters(CloudFrontError):
    pass


class InvalidRelativePath(CloudFrontError):
    pass


class InvalidRequiredProtocol(CloudFrontError):
    pass


class InvalidResponseCode(CloudFrontError):
    pass


class InvalidTTLOrder(CloudFrontError):
    pass


class InvalidTagging(CloudFrontError):
    pass


class InvalidViewerCertificate(CloudFrontError):
    pass


class InvalidWebACLId(CloudFrontError):
    pass


class MissingBody(CloudFrontError):
    pass


class NoSuchCachePolicy(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchContinuousDeploymentPolicy(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchDistribution(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchFieldLevelEncryptionConfig(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchFunctionExists(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchInvalidation(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchOrigin(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchOriginAccessControl(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchOriginRequestPolicy(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchRealtimeLogConfig(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchResource(CloudFrontError):
    status_code: ClassVar[int] = 404


class NoSuchResponseHeadersPolicy(CloudFrontError):
    status_code: ClassVar[int] = 404


class OriginAccessControlAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class OriginAccessControlInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class OriginRequestPolicyAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class OriginRequestPolicyInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class PreconditionFailed(CloudFrontError):
    status_code: ClassVar[int] = 412


class RealtimeLogConfigOwnerMismatch(CloudFrontError):
    status_code: ClassVar[int] = 401


class ResourceInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class ResourceNotDisabled(CloudFrontError):
    status_code: ClassVar[int] = 409


class ResponseHeadersPolicyAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class ResponseHeadersPolicyInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class StagingDistributionInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class TestFunctionFailed(CloudFrontError):
    __test__ = False
    status_code: ClassVar[int] = 500


class TooLongCSPInResponseHeadersPolicy(CloudFrontError):
    pass


class TooManyCacheBehaviors(CloudFrontError):
    pass


class TooManyCachePolicies(CloudFrontError):
    pass


class TooManyCertificates(CloudFrontError):
    pass


class TooManyCookieNamesInWhiteList(CloudFrontError):
    pass


class TooManyCookiesInCachePolicy(CloudFrontError):
    pass


class TooManyCookiesInOriginRequestPolicy(CloudFrontError):
    pass


class TooManyCustomHeadersInResponseHeadersPolicy(CloudFrontError):
    pass


class TooManyDistributionCNAMEs(CloudFrontError):
    pass


class TooManyDistributions(CloudFrontError):
    pass


class TooManyDistributionsAssociatedToCachePolicy(CloudFrontError):
    pass


class TooManyDistributionsAssociatedToFieldLevelEncryptionConfig(CloudFrontError):
    pass


class TooManyDistributionsAssociatedToKeyGroup(CloudFrontError):
    pass


class TooManyDistributionsAssociatedToOriginAccessControl(CloudFrontError):
    pass


class TooManyDistributionsAssociatedToOriginRequestPolicy(CloudFrontError):
    pass


class TooManyDistributionsAssociatedToResponseHeadersPolicy(CloudFrontError):
    pass


class TooManyDistributionsWithFunctionAssociations(CloudFrontError):
    pass


class TooManyDistributionsWithLambdaAssociations(CloudFrontError):
    pass


class TooManyDistributionsWithSingleFunctionARN(CloudFrontError):
    pass


class TooManyFunctionAssociations(CloudFrontError):
    pass


class TooManyFunctions(CloudFrontError):
    pass


class TooManyHeadersInCachePolicy(CloudFrontError):
    pass


class TooManyHeadersInForwardedValues(CloudFrontError):
    pass


class TooManyHeadersInOriginRequestPolicy(CloudFrontError):
    pass


class TooManyInvalidationsInProgress(CloudFrontError):
    pass


class TooManyKeyGroupsAssociatedToDistribution(CloudFrontError):
    pass


class TooManyLambdaFunctionAssociations(CloudFrontError):
    pass


class TooManyOriginAccessControls(CloudFrontError):
    pass


class TooManyOriginCustomHeaders(CloudFrontError):
    pass


class TooManyOriginGroupsPerDistribution(CloudFrontError):
    pass


class TooManyOriginRequestPolicies(CloudFrontError):
    pass


class TooManyOrigins(CloudFrontError):
    pass


class TooManyQueryStringParameters(CloudFrontError):
    pass


class TooManyQueryStringsInCachePolicy(CloudFrontError):
    pass


class TooManyQueryStringsInOriginRequestPolicy(CloudFrontError):
    pass


class TooManyRemoveHeadersInResponseHeadersPolicy(CloudFrontError):
    pass


class TooManyResponseHeadersPolicies(CloudFrontError):
    pass


class TooManyTrustedSigners(CloudFrontError):
    pass


class TrustedKeyGroupDoesNotExist(CloudFrontError):
    pass


class TrustedSignerDoesNotExist(CloudFrontError):
    pass


class UnsupportedOperation(CloudFrontError):
    pass


class CannotChangeImmutablePublicKeyFields(CloudFrontError):
    pass


class KeyGroupAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class NoSuchPublicKey(CloudFrontError):
    status_code: ClassVar[int] = 404


class PublicKeyAlreadyExists(CloudFrontError):
    status_code: ClassVar[int] = 409


class PublicKeyInUse(CloudFrontError):
    status_code: ClassVar[int] = 409


class TooManyKeyGroups(CloudFrontError):
    pass


class TooManyPublicKeys(CloudFrontError):
    pass


class TooManyPublicKeysInKeyGroup(CloudFrontError):
    pass
