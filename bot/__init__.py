"""briefbot application: settings, store, ingestion, commands, scheduler, CLI."""
