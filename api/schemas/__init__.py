"""msgspec request and response structs. Requests forbid unknown fields so that typos are loud."""
