"""The checks, one module per rule. See ``registry.RULES`` for the list."""
