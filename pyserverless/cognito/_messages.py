"""The texts of Cognito's error messages, as AWS returns them.

Sources: aws-facts D5 (wire texts observed by SDK users and emulators, marked [O]), and
the GitHub issue threads of AWS SDK users quoting the service's replies (noted per line).
"""

from __future__ import annotations

# aws-facts D5 [O].
INCORRECT_CREDENTIALS = "Incorrect username or password."
PASSWORD_ATTEMPTS_EXCEEDED = "Password attempts exceeded"
USER_DISABLED = "User is disabled."
REFRESH_TOKEN_EXPIRED = "Refresh Token has expired"
INVALID_REFRESH_TOKEN = "Invalid Refresh Token"
#: A revoked refresh token (amplify-swift#3344 and aws-sdk-net#1936 quote it, with request ids).
REFRESH_TOKEN_REVOKED = "Refresh Token has been revoked"
ACCESS_TOKEN_EXPIRED = "Access Token has expired"
USER_NOT_FOUND = "User does not exist."
USER_EXISTS = "User already exists"
#: AdminCreateUser's words for a taken name (AWS CLI output quoted in localstack#4465).
ADMIN_USER_EXISTS = "User account already exists"
EMAIL_EXISTS = "An account with the given email already exists."
PHONE_EXISTS = "An account with the given phone_number already exists."
USER_NOT_CONFIRMED = "User is not confirmed."
CODE_MISMATCH = "Invalid verification code provided, please try again."
EXPIRED_CODE = "Invalid code provided, please request a code again."
PASSWORD_POLICY = "Password did not conform with policy: {reason}"
PASSWORD_TOO_SHORT = "Password not long enough"
PASSWORD_TOO_LONG = "Password must have length less than or equal to 256"
PASSWORD_NEEDS_UPPER = "Password must have uppercase characters"
PASSWORD_NEEDS_LOWER = "Password must have lowercase characters"
PASSWORD_NEEDS_NUMBER = "Password must have numeric characters"
PASSWORD_NEEDS_SYMBOL = "Password must have symbol characters"
PASSWORD_RESET_REQUIRED = "Password reset required for the user"
ATTEMPT_LIMIT = "Attempt limit exceeded, please try after some time."
LAMBDA_VALIDATION = "{trigger} failed with error {error}."

# NotAuthorizedException texts quoted in SDK issues (amplify-js #277, amplify-android #2504,
# furaiev/amazon-cognito-identity-dart-2 #80, aws-samples passwordless-email-auth #17).
SECRET_HASH_MISMATCH = "Unable to verify secret hash for client {client_id}"
SECRET_HASH_MISSING = (
    "Client {client_id} is configured with secret but SECRET_HASH was not received"
)
ALREADY_CONFIRMED = "User cannot be confirmed. Current status is {status}"
INVALID_SESSION = "Invalid session for the user."
SESSION_EXPIRED = "Invalid session for the user, session is expired."
ACCESS_TOKEN_REVOKED = "Access Token has been revoked"
INVALID_ACCESS_TOKEN = "Invalid Access Token"
TEMP_PASSWORD_EXPIRED = "Temporary password has expired and must be reset by an administrator."

# InvalidParameterException texts (moto PR #4836 quoting AWS support; floci PR #3974).
FLOW_NOT_ENABLED = "{flow} flow not enabled for this client"
NULL_MEMBER = (
    "1 validation error detected: Value null at '{field}' failed to satisfy constraint: "
    "Member must not be null"
)
# [?] the rule is botocore's (UserPoolClientType.ExplicitAuthFlows); the text is not confirmed.
MIXED_AUTH_FLOWS = (
    "ExplicitAuthFlows cannot contain legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, "
    "USER_PASSWORD_AUTH) together with values that begin with ALLOW_."
)
AUTH_METHOD_NOT_SUPPORTED = "Initiate Auth method not supported."
MISSING_PARAMETER = "Missing required parameter {name}"
UNKNOWN_ATTRIBUTE = "Attribute does not exist in the schema.\n"
NO_VERIFIED_CONTACT = (
    "Cannot reset password for the user as there is no registered/verified email or phone_number"
)
USERNAME_IS_ALIAS = "Username should be either an email or a phone number."
CHALLENGE_NOT_SUPPORTED = "Unsupported challenge name: {name}"
INVALID_FILTER = "Error while parsing filter."
VALUE_LENGTH = (
    "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: "
    "Member must have length {bound}"
)
VALUE_RANGE = (
    "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: "
    "Member must have value {bound}"
)
ENUM_VALUE = (
    "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: "
    "Member must satisfy enum value set: {allowed}"
)
# aws-sdk-js #1319, amazon-cognito-identity-js #397 (NotAuthorizedException).
UNAUTHORIZED_ATTRIBUTE = "A client attempted to write unauthorized attribute"
# [?] the prefix is AWS's (check_required's text); the constraint reasons are not confirmed.
SCHEMA_MISMATCH = "Attributes did not conform to the schema: {name}: {reason}"
# Ours: a setting whose effect is not emulated is refused rather than silently ignored.
NOT_EMULATED = "pyserverless does not emulate {setting}; see docs/cognito.md"
TOKEN_VALIDITY = "{kind} token validity must be between {low} and {high} {unit}."
# amplify-js #13220/#3066/#11069, aws-sdk-js-v3 #4645, aws-amplify-auth-starters #15,
# amazon-cognito-identity-js #630, furaiev/amazon-cognito-identity-dart-2 #103.
MFA_NOT_SET_UP = "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"
#: Turning SMS MFA on for a user without a phone_number (quoted in amplify-js#618).
SMS_MFA_NEEDS_PHONE = "User does not have a phone_number set to turn on SMS MFA"
MFA_CODE_MISMATCH = "Invalid code or auth state for the user."
#: AWS's own spelling (quoted with a request id in aws-amplify/amplify-flutter#95).
NO_MFA_MECHANISM = "No MFA mechanism registerd in the account."
TOTP_ENABLE_MISMATCH = "Code mismatch and fail enable Software Token MFA"
RESET_NOT_ALLOWED = "User password cannot be reset in the current state."
CLIENT_ATTRIBUTES = "Invalid {kind} attributes specified while {doing} a client"
REQUIRED_CUSTOM_ATTRIBUTE = "Required custom attributes are not supported currently."
TOTP_ALREADY_USED = "Your software token has already been used once."
SOFTWARE_TOKEN_NOT_FOUND = "Software Token MFA does not exist for the user."
ALREADY_CONFIRMED_RESEND = "User is already confirmed."
MFA_ON_NEEDS_SMS_OR_TOTP = "SMS configuration or software token MFA must be enabled"
SOFTWARE_TOKEN_NOT_ASSOCIATED = "User has not associated a software token."
CUSTOM_ATTRIBUTE_EXISTS = "Existing attribute already has name {name}."
TOO_MANY_CUSTOM_ATTRIBUTES = "Cannot add more than {limit} custom attributes."
UNSUPPORTED_TOKEN = "Unsupported token type."

# ResourceNotFoundException.
POOL_NOT_FOUND = "User pool {pool_id} does not exist."
CLIENT_NOT_FOUND = "User pool client {client_id} does not exist."
GROUP_NOT_FOUND = "Group not found."
GROUP_EXISTS = "A group with the name {name} already exists."

# Lambda trigger failures. UnexpectedLambdaException as SDK users quote it (sst #1815,
# furaiev/amazon-cognito-identity-dart-2 #204: "... invocation failed due to error Socket
# timeout while invoking Lambda function."; re:Post knowledge-center/cognito-lambda-trigger-
# errors: "... invocation failed due to error AccessDeniedException."); the throttle reason
# "TooManyRequestsException" is [?]. InvalidLambdaResponseException's text from
# amazon-cognito-identity-js #167 and aws-sdk-android-samples #165.
LAMBDA_UNEXPECTED = "{trigger} invocation failed due to error {error}."
LAMBDA_SOCKET_TIMEOUT = "Socket timeout while invoking Lambda function"
LAMBDA_OUTPUT = "Unrecognizable lambda output"

# aws/aws-cli issue 7151 (UpdateUserPool's InvalidParameterException, quoted from AWS).
UPDATE_NEEDS_AUTO_VERIFY = (
    "All attributes in AttributesRequireVerificationBeforeUpdate must exist in "
    "AutoVerifiedAttributes"
)

# Devices [?]: texts not confirmed on an AWS page.
DEVICE_NOT_FOUND = "Device does not exist."
DEVICE_VERIFIER_INVALID = "DeviceSecretVerifierConfig needs a base64 Salt and PasswordVerifier."


#: UsernameType's pattern as AWS's validation texts quote it.
USERNAME_PATTERN = r"Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+"


def redacted_validation(field: str, problems: list[str]) -> str:
    """AWS's validation envelope for a sensitive member: its name, never its value."""
    count = len(problems)
    head = f"{count} validation error{'' if count == 1 else 's'} detected: "
    return head + "; ".join(
        f"Value at '{field}' failed to satisfy constraint: {p}" for p in problems
    )
