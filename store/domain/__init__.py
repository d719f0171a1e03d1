"""Quorate's records and pure rules: no SQLite, no terminal UI.

Everything here can be imported and tested without a database file.
"""
