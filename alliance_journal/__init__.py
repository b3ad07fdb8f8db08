"""Alliance Journal: private, encrypted, offline process notes for psychotherapists."""

__version__ = "0.1.0"
