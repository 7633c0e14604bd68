"""The interfaces: the HTTP API (Litestar) and the ``tangkas`` command line."""
