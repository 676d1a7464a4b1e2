"""Core pieces shared by every service: clock, scheduler, ids, errors, limits, registry."""
