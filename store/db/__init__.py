"""The only code that opens SQLite: opening, the unit of work, files, autosave, migrations."""
