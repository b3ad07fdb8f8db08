"""Dialogs around the main window: create, unlock, new passphrase, recovery key, settings, backups."""
