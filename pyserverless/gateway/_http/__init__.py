"""apigatewayv2 (HTTP APIs): the control plane."""
