"""WebSocket APIs: the connections, the events, the @connections API and serving (issue 21)."""
