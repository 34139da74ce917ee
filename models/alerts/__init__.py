"""Alerts as stored: intake, dispatch, lifecycle, repeats, the board's reading and the sweep.

Each service function works inside the caller's transaction (one user action), checks
the acting user's role, writes the audit log and leaves the change feed a row per
changed record.
"""
