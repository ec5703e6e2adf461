"""A developer's or evaluator's machine: `make run`."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# A local, non-secret key so that `make run` works on a bare machine; production has none.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = ["*"]
# Local and non-secret like the key above; production reads its own (voting.E001).
VOTER_ID_HASH_KEY = env_str("VOTER_ID_HASH_KEY", "dev-only-voter-hash-key-not-for-production-use")
