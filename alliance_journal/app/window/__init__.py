"""The main window and what belongs to it alone: its layout, its switchboard, locking.

`main_window` lays out the panels; `wiring` connects actions and signals; `locking`
locks and unlocks; `reflect_tab` puts the Reflect panel beside the timeline; the status
bar and the locked page are the window's own. The helpers reach the window through
`parts.WindowParts` (a protocol), never by importing `MainWindow`, so nothing here
imports in a circle.
"""
