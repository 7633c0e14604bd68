"""The service layer: units of work, storage adapters and (later) the points engine."""
