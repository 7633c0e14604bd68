"""``python -m bench.seed``: the benchmark data generator from a checkout, with the logging the
``tangkas`` command line sets up (secrets redacted)."""

import logging

from api.http.log_redaction import install as redact_logs
from bench.seed.command import seed

redact_logs()
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
seed(prog_name="python -m bench.seed")
