"""Accounts: users and roles, sign-up, sign-in, access rules and user administration."""
