"""pyserverless benchmarks, each against a peer in the same run (see docs/benchmarks.md)."""
