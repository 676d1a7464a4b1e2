"""execute-api: serving requests on deployed stages.

Router, authorizers, throttling, integrations."""
