"""Checks on what a build produced, before it is published; engine-neutral (no MkDocs)."""
