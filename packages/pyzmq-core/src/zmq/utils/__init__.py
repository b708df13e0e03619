"""Utilities: Z85, JSON, monitor messages, interoperability."""
