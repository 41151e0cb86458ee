"""Everything Textual: the app, its factory and config, the stylesheet, the clock, loading and
watching, bindings, the palette, `screens/`, `widgets/`, and the Textual-free
presenters in `timeline/` and `month/`.

May import every domain package; no other package imports this one, except the command that
opens the app (lazily). This `__init__` imports nothing, so `tui.app.config` stays cheap.
"""
