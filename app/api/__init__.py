"""HTTP routes: thin, typed, one module per area."""
