"""The agreed steps of a goal (migration 0019; core/casework/steps.py). Part of the schema of
``models.py``, which imports them (cut out to keep that module short)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from kim_desktop.core.casefile.model_base import Base, Id


class GoalStep(Base):
    """One step agreed towards a goal: what is done, by whom (free text: "Klientin", "Case
    Management", a person at another service), by when, and the day it was done. Goes with
    its goal (deleted, erased, handed over together)."""

    __tablename__ = "goal_steps"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint("length(trim(what)) > 0", name="what_not_blank"),
        CheckConstraint("who IS NULL OR length(trim(who)) > 0", name="who_not_blank"),
        Index("ix_goal_steps_goal_id_position", "goal_id", "position"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    goal_id: Mapped[str] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
