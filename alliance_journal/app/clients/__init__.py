"""The clients panel: list model, delegate, panel and the client dialog."""
