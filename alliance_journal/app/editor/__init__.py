"""The entry editor: a form per kind, the Markdown body, autosave, history and amendments."""
