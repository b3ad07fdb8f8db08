"""Files the app ships: prompts, the demo caseload, the icon and the Linux .desktop entry.

The folder is `resources/` in the source tree and `alliance_journal.resources` once built
(setup.py maps it), so `importlib.resources` finds it in a wheel, an editable install, a
zip and the PyInstaller bundle alike.
"""
