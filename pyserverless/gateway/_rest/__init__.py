"""apigateway (REST APIs, v1): the control plane."""
