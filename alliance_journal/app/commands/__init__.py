"""Every command the user can give: the QActions (names, shortcuts, icons) and the menus.

Panels take the `Actions` they show as buttons; the window lays the same actions out in
its menu bar. Nothing here does the work: `operations/` and the panels do.
"""
