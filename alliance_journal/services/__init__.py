"""Use cases: the only way the CLI and the GUI touch a vault."""
