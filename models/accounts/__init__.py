"""Accounts: users, roles, signing in and the audit chain."""
