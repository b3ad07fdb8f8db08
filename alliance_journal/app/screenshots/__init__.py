"""`make screenshots`: every window and dialog of the app drawn offscreen into `docs/screenshots/`.

`shooter` is the camera (private home, demo vault, one picture at a time), `dialogs` and
`window` are the pictures; `python -m alliance_journal.app.screenshots DIR` runs them all.
"""
