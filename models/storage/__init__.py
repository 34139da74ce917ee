"""Storage: the engine, the declarative base, migrations, the change feed, backup and import/export."""
