"""Tangkas domain: plain rules and values. Imports nothing from the web, the ORM or Redis."""
