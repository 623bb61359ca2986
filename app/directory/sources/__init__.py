"""Directory sources: one module per system, behind :class:`base.DirectorySource`."""
