"""What keeps the app running: the open vault session, workers off the GUI thread,
throttling, idle auto-lock, the timed clipboard, QSettings preferences and crash output.

Nothing here draws a widget of its own.
"""
