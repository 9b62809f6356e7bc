"""FSRS scheduling: the only module that imports the ``fsrs`` package.

Cards and review logs cross this boundary as JSON text so the store stays plain SQLite.
All datetimes are aware and in ``timezone.utc`` exactly (fsrs rejects anything else).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fsrs import Scheduler


@dataclass(frozen=True)
class Reviewed:
    card: str  # the card after the review, fsrs JSON
    log: str  # the review log, fsrs JSON
    due: datetime


def utc(moment: datetime) -> datetime:
    """The same instant with ``tzinfo=timezone.utc`` (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@functools.cache
def scheduler(fuzzing: bool = True) -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=fuzzing)


def new_card(card_id: int, now: datetime) -> str:
    """A fresh card, due now, as fsrs JSON."""
    from fsrs import Card

    return Card(card_id=card_id, due=utc(now)).to_json()


def review(card_json: str, rating: int, now: datetime, *, fuzzing: bool = True) -> Reviewed:
    """Apply one graded review (1 Again … 4 Easy) at ``now``."""
    from fsrs import Card, Rating

    card, log = scheduler(fuzzing).review_card(Card.from_json(card_json), Rating(rating), utc(now))
    return Reviewed(card.to_json(), log.to_json(), utc(card.due))
