"""Plumbing every feature stands on: settings, the database (unit of work, after-commit), tables,
Redis, the SQL dialect, migrations, health, paging, text search, scheduled job runs."""
