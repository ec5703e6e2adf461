"""The voting benchmark's server (bench/budget_votes.py): the test settings (their fixed
keys, so the benchmark's process and the server hash PESELs alike) on the benchmark's
database, every e-mail written to a file named after its recipient (the clients read
their confirmation links there), and rate limits out of the way (64 clients share one
address)."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import RATE_LIMITS

EMAIL_BACKEND = "bench.server.mailbox.RecipientFileBackend"
BENCH_MAILBOX = os.environ["BENCH_MAILBOX"]
RATE_LIMITS = {scope: (10**9, period) for scope, (_attempts, period) in RATE_LIMITS.items()}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
