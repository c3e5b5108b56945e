"""Signal receivers for practices (kept thin: they call services)."""
