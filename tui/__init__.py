"""Quorate's terminal UI and command line. Importing this package stays cheap:
the App (and so textual) is only imported when a terminal UI is started."""

__version__ = "0.1.0"
