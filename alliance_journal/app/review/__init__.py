"""Review: the Relationship tab, My practice, and the supervision report (screen and PDF)."""
