"""The command line: a lazy click group (`main`) and one module per command family.

May import every domain package; imports the app only inside the command that opens it,
so `check`, `countdown` and `export` never load Textual. Never imports Textual itself.
"""
