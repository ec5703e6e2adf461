"""Production refuses to run without the key of the voters' hashes."""

import secrets

from tests.core.test_security import _production


def test_production_without_the_voter_hash_key_fails_the_check():
    result = _production("check", SECRET_KEY=secrets.token_urlsafe(50), VOTER_ID_HASH_KEY="")
    assert result.returncode != 0
    assert "voting.E001" in result.stderr + result.stdout
    short = _production("check", SECRET_KEY=secrets.token_urlsafe(50), VOTER_ID_HASH_KEY="abc")
    assert "voting.E001" in short.stderr + short.stdout
