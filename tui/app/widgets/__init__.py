"""The app's widgets: timeline, header, details, agenda, countdowns, month, rules, footer,
and the filter and error bars."""
