"""Shared helpers for the test suite (stdlib only, loopback only)."""
