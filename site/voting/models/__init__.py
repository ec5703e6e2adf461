from voting.models.ballot import Ballot, BallotChoice, Channel, Verification
from voting.models.register import EligibleVoter
from voting.models.results import PoolResult, ProjectResult
from voting.models.rules import DuplicateRule, EditionVoting, Method, OsiedleRule, PoolVoting

__all__ = [
    "Ballot",
    "BallotChoice",
    "Channel",
    "DuplicateRule",
    "EditionVoting",
    "EligibleVoter",
    "Method",
    "OsiedleRule",
    "PoolResult",
    "PoolVoting",
    "ProjectResult",
    "Verification",
]
