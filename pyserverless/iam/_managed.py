"""AWS managed policies, as data: the ones Lambda and serverless test suites attach.

Each is named by AWS's name and ARN (``arn:aws:iam::aws:policy/{path}{name}``) with its
path (``/service-role/`` for the Lambda execution roles) and the statements of its
default version. Policies AWS keeps long (``ReadOnlyAccess``, ``AWSLambda_FullAccess``,
``AmazonDynamoDBFullAccess``) are abridged to their main statements: nothing here is
evaluated yet, and docs/iam.md says so. Policy ids are derived from the name (stable
across Clouds, as AWS's are), not AWS's own ids.

>>> MANAGED["AWSLambdaBasicExecutionRole"].arn
'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import attrs

__all__ = ["MANAGED", "MANAGED_BY_ARN", "AwsPolicy"]

_LOGS = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]


@attrs.frozen
class AwsPolicy:
    """One AWS managed policy: name, path, description and default document."""

    name: str
    path: str
    description: str
    statements: tuple[dict[str, Any], ...]
    version: str = "v1"
    #: When AWS made the policy and last edited it, UTC ("YYYY-MM-DD HH:MM"): AWS's
    #: reference for the policies confirmed there, else [?] a fixed date.
    created: str = "2015-02-06 18:40"
    updated: str | None = None

    @property
    def arn(self) -> str:
        return f"arn:aws:iam::aws:policy{self.path}{self.name}"

    @property
    def policy_id(self) -> str:
        digest = base64.b32encode(hashlib.sha256(self.name.encode()).digest()).decode()
        return "ANPA" + digest[:17]

    def text(self) -> str:
        """The default version's document as JSON text."""
        return json.dumps({"Version": "2012-10-17", "Statement": list(self.statements)}, indent=4)


def _allow(
    actions: list[str] | str, resource: str | list[str] = "*", **extra: Any
) -> dict[str, Any]:
    head = {"Sid": extra.pop("Sid")} if "Sid" in extra else {}
    return {**head, "Effect": "Allow", "Action": actions, "Resource": resource, **extra}


_POLICIES = (
    AwsPolicy("AWSLambdaBasicExecutionRole", "/service-role/",
              "Provides write permissions to CloudWatch Logs.", (_allow(_LOGS),),
              created="2015-04-09 15:03"),
    AwsPolicy("AWSLambdaDynamoDBExecutionRole", "/service-role/",
              "Provides list and read access to DynamoDB streams and write permissions to "
              "CloudWatch logs.",
              (_allow(["dynamodb:DescribeStream", "dynamodb:GetRecords",
                       "dynamodb:GetShardIterator", "dynamodb:ListStreams", *_LOGS]),),
              created="2015-04-09 15:09"),
    AwsPolicy("AWSLambdaSQSQueueExecutionRole", "/service-role/",
              "Provides receive message, delete message, and read attribute access to SQS "
              "queues, and write permissions to CloudWatch logs.",
              (_allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                       *_LOGS]),)),
    AwsPolicy("AWSLambdaKinesisExecutionRole", "/service-role/",
              "Provides list and read access to Kinesis streams and write permissions to "
              "CloudWatch logs.",
              (_allow(["kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
                       "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards",
                       "kinesis:ListStreams", "kinesis:SubscribeToShard", *_LOGS]),)),
    AwsPolicy("AWSLambdaVPCAccessExecutionRole", "/service-role/",
              "Provides minimum permissions for a Lambda function to execute while accessing "
              "a resource within a VPC - create, describe, delete network interfaces and "
              "write permissions to CloudWatch Logs.",
              (_allow([*_LOGS, "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                       "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
                       "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]),)),
    AwsPolicy("AWSLambdaRole", "/service-role/",
              "Default policy for AWS Lambda service role.",
              (_allow(["lambda:InvokeFunction"], ["*"]),), created="2015-02-06 18:41"),
    AwsPolicy("AWSLambdaExecute", "/",
              "Provides Put, Get access to S3 and full access to CloudWatch Logs.",
              (_allow(["logs:*"], "arn:aws:logs:*:*:*"),
               _allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::*"))),
    AwsPolicy("AWSLambda_FullAccess", "/",
              "Grants full access to AWS Lambda service, AWS Lambda console features, and "
              "other related AWS services.",
              (_allow(["cloudformation:DescribeStacks", "cloudformation:ListStackResources",
                       "cloudwatch:ListMetrics", "cloudwatch:GetMetricData",
                       "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
                       "kms:ListAliases", "iam:GetPolicy", "iam:GetPolicyVersion",
                       "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
                       "iam:ListRolePolicies", "iam:ListRoles", "lambda:*",
                       "logs:DescribeLogGroups", "states:DescribeStateMachine",
                       "states:ListStateMachines", "tag:GetResources", "xray:GetTraceSummaries",
                       "xray:BatchGetTraces"]),
               _allow("iam:PassRole", "*",
                      Condition={"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}),
               _allow(["logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents",
                       "logs:StartLiveTail", "logs:StopLiveTail"],
                      "arn:aws:logs:*:*:log-group:/aws/lambda/*"))),
    AwsPolicy("AmazonDynamoDBFullAccess", "/",
              "Provides full access to Amazon DynamoDB via the AWS Management Console.",
              (_allow(["dynamodb:*", "dax:*", "application-autoscaling:DeleteScalingPolicy",
                       "application-autoscaling:DescribeScalableTargets",
                       "application-autoscaling:PutScalingPolicy",
                       "application-autoscaling:RegisterScalableTarget",
                       "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricStatistics",
                       "cloudwatch:PutMetricAlarm", "kms:DescribeKey", "kms:ListAliases",
                       "lambda:CreateFunction", "lambda:ListFunctions",
                       "lambda:ListEventSourceMappings", "lambda:CreateEventSourceMapping",
                       "lambda:DeleteEventSourceMapping", "sns:ListTopics",
                       "iam:GetRole", "iam:ListRoles", "tag:GetResources"]),)),
    AwsPolicy("AmazonDynamoDBReadOnlyAccess", "/",
              "Provides read only access to Amazon DynamoDB via the AWS Management Console.",
              (_allow(["application-autoscaling:DescribeScalableTargets",
                       "application-autoscaling:DescribeScalingPolicies",
                       "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricStatistics",
                       "dax:Describe*", "dax:List*", "dynamodb:BatchGetItem",
                       "dynamodb:Describe*", "dynamodb:GetItem", "dynamodb:List*",
                       "dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan",
                       "iam:GetRole", "iam:ListRoles", "kms:DescribeKey", "kms:ListAliases",
                       "lambda:ListFunctions", "lambda:ListEventSourceMappings",
                       "tag:GetResources"]),)),
    AwsPolicy("AmazonS3FullAccess", "/", "Provides full access to all buckets via the AWS "
              "Management Console.", (_allow(["s3:*", "s3-object-lambda:*"]),)),
    AwsPolicy("AmazonS3ReadOnlyAccess", "/", "Provides read only access to all buckets via "
              "the AWS Management Console.",
              (_allow(["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*",
                       "s3-object-lambda:List*"]),)),
    AwsPolicy("AmazonSQSFullAccess", "/", "Provides full access to Amazon SQS via the AWS "
              "Management Console.", (_allow(["sqs:*"]),)),
    AwsPolicy("AmazonSQSReadOnlyAccess", "/", "Provides read only access to Amazon SQS via "
              "the AWS Management Console.",
              (_allow(["sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                       "sqs:ListDeadLetterSourceQueues", "sqs:ListQueues",
                       "sqs:ListMessageMoveTasks", "sqs:ListQueueTags"],
                      Sid="AmazonSQSReadOnlyAccess"),),
              version="v4", created="2015-02-06 18:41", updated="2024-05-24 18:16"),
    AwsPolicy("CloudWatchLogsFullAccess", "/", "Provides full access to CloudWatch Logs",
              (_allow(["logs:*", "cloudwatch:GenerateQuery"]),)),
    AwsPolicy("CloudWatchLogsReadOnlyAccess", "/", "Provides read only access to CloudWatch "
              "Logs",
              (_allow(["logs:Describe*", "logs:Get*", "logs:List*", "logs:StartQuery",
                       "logs:StopQuery", "logs:TestMetricFilter", "logs:FilterLogEvents",
                       "logs:StartLiveTail", "logs:StopLiveTail"]),)),
    AwsPolicy("AmazonAPIGatewayInvokeFullAccess", "/", "Provides full access to invoke APIs "
              "in Amazon API Gateway.",
              (_allow(["execute-api:Invoke", "execute-api:ManageConnections"],
                      "arn:aws:execute-api:*:*:*"),)),
    AwsPolicy("AmazonAPIGatewayAdministrator", "/", "Provides full access to create/edit/"
              "delete APIs in Amazon API Gateway via the AWS Management Console.",
              (_allow(["apigateway:*"], "arn:aws:apigateway:*::/*"),)),
    AwsPolicy("AmazonEventBridgeFullAccess", "/", "Provides full access to Amazon "
              "EventBridge.", (_allow(["events:*", "schemas:*", "scheduler:*", "pipes:*"]),)),
    AwsPolicy("AmazonEventBridgeSchedulerFullAccess", "/", "Provides full access to Amazon "
              "EventBridge Scheduler.", (_allow(["scheduler:*"]),)),
    AwsPolicy("AmazonCognitoPowerUser", "/", "Provides administrative access to existing "
              "Amazon Cognito resources.",
              (_allow(["cognito-identity:*", "cognito-idp:*", "cognito-sync:*",
                       "iam:ListRoles", "iam:ListOpenIdConnectProviders",
                       "iam:GetRole", "iam:ListSAMLProviders", "iam:GetSAMLProvider",
                       "kinesis:ListStreams", "lambda:GetPolicy", "lambda:ListFunctions",
                       "sns:GetSMSSandboxAccountStatus", "sns:ListPlatformApplications",
                       "ses:ListIdentities", "ses:GetIdentityVerificationAttributes",
                       "mobiletargeting:GetApps", "acm:ListCertificates"]),)),
    AwsPolicy("AWSXRayDaemonWriteAccess", "/", "Allow the AWS X-Ray Daemon to relay raw "
              "trace segments data to the service's API and retrieve sampling data (rules, "
              "targets, etc.) to be used by the X-Ray SDK.",
              (_allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords",
                       "xray:GetSamplingRules", "xray:GetSamplingTargets",
                       "xray:GetSamplingStatisticSummaries"]),)),
    AwsPolicy("CloudFrontFullAccess", "/", "Provides full access to the CloudFront console "
              "plus the ability to list Amazon S3 buckets via the AWS Management Console.",
              (_allow(["cloudfront:*", "cloudfront-keyvaluestore:*", "s3:ListAllMyBuckets",
                       "acm:ListCertificates", "iam:ListServerCertificates",
                       "waf:ListWebACLs", "waf:GetWebACL", "wafv2:ListWebACLs",
                       "wafv2:GetWebACL", "kinesis:ListStreams"]),)),
    AwsPolicy("AdministratorAccess", "/", "Provides full access to AWS services and "
              "resources.", (_allow("*"),)),
    AwsPolicy("PowerUserAccess", "/", "Provides full access to AWS services and resources, "
              "but does not allow management of Users and groups.",
              ({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"],
                "Resource": "*"},
               _allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole",
                       "iam:ListRoles", "organizations:DescribeOrganization",
                       "account:ListRegions", "account:GetAccountInformation"]))),
    AwsPolicy("ReadOnlyAccess", "/", "Provides read-only access to AWS services and "
              "resources.",
              (_allow(["apigateway:GET", "cloudfront:Get*", "cloudfront:List*",
                       "cognito-identity:Describe*", "cognito-idp:Describe*",
                       "cognito-idp:List*", "dynamodb:BatchGet*", "dynamodb:Describe*",
                       "dynamodb:Get*", "dynamodb:List*", "dynamodb:Query", "dynamodb:Scan",
                       "events:Describe*", "events:List*", "iam:Get*", "iam:List*",
                       "lambda:Get*", "lambda:List*", "logs:Describe*", "logs:FilterLogEvents",
                       "logs:Get*", "logs:ListTagsForResource", "s3:Get*", "s3:List*",
                       "scheduler:Get*", "scheduler:List*", "sqs:Get*", "sqs:List*",
                       "sts:GetCallerIdentity"]),)),
    AwsPolicy("IAMFullAccess", "/", "Provides full access to IAM via the AWS Management "
              "Console.",
              (_allow(["iam:*", "organizations:DescribeAccount",
                       "organizations:DescribeOrganization",
                       "organizations:DescribeOrganizationalUnit",
                       "organizations:DescribePolicy", "organizations:ListChildren",
                       "organizations:ListParents", "organizations:ListPoliciesForTarget",
                       "organizations:ListRoots", "organizations:ListPolicies",
                       "organizations:ListTargetsForPolicy"]),)),
    AwsPolicy("IAMReadOnlyAccess", "/", "Provides read only access to IAM via the AWS "
              "Management Console.",
              (_allow(["iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails",
                       "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy",
                       "iam:SimulatePrincipalPolicy"]),)),
)  # fmt: skip

#: AWS managed policies by name.
MANAGED: dict[str, AwsPolicy] = {p.name: p for p in _POLICIES}
#: AWS managed policies by ARN.
MANAGED_BY_ARN: dict[str, AwsPolicy] = {p.arn: p for p in _POLICIES}
