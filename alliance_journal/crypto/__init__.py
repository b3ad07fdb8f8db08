"""Key derivation, key slots and the backup container: `cryptography` primitives only."""
