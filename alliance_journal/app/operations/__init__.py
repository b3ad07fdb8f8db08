"""What the user's commands do: entry operations (new, delete with undo, finalise, history,
Trash) and the File menu's long operations (backup, verify, restore, export, import).

Each runs services on a worker where it takes time, with progress and cancel, and turns
a `UserFacingError` into one line for the user.
"""
