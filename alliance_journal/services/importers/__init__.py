"""Importing other apps' exports into the vault: opening files, ids, the one transaction."""
