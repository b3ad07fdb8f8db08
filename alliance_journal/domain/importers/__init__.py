"""Readers for other apps' exports (Day One, jrnl, a folder of Markdown): pure parsing.

Each reader turns one file into `ImportedEntry` values and counts what it leaves out;
`services.importers` opens the files, keeps ids stable and writes the vault.
"""
