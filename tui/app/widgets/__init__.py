"""The app's widgets: timeline, header, details, agenda, countdowns, filter and error bars."""
