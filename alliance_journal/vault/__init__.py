"""Storage: the vault folder, its header, lock, encrypted database and migrations."""
