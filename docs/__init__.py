"""The user documentation, shipped with the app as `alliance_journal.docs` (setup.py maps it).

Help > Documentation opens this folder; only the .md files and screenshots/ are shipped.
"""
