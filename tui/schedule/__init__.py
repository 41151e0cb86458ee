"""The TOML schedule format: field declarations, reading and locating, validation, building
the model, warnings, the JSON Schema, the starter file and the cheap peek at a title.

May import `tui.core` only; never Textual, click, the command line or the app.
"""
