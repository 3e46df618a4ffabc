"""Readers: bytes in any published form to one :class:`SourceDocument`."""
