"""Pure Indonesian text intelligence: no I/O, no database, no platform."""
