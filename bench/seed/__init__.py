"""The benchmark data generator: ``python -m bench.seed`` (or ``tangkas bench seed`` in a checkout).

``generate`` writes the data; ``organization``, ``modules`` and ``facts`` make the rows (no I/O);
``bulk_load`` writes them by COPY; ``command`` is the command line both entries run.
"""
