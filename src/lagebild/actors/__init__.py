"""Actors: the knowledge base of canonical actors and the linker that finds them in text."""
