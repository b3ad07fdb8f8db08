"""The clinical domain: plain Python (pydantic models and rules), no SQL, no crypto, no Qt."""
