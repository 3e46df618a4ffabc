"""The standard statistics tables: tokens, rows, canonical keys, consistency checks."""
