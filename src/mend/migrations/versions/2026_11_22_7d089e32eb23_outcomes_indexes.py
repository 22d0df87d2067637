"""Indexes for practice outcomes on SQLite (bench/outcomes.py)

Revision ID: 7d089e32eb23
Revises: 0845040c2b48
Create Date: 2026-11-22 05:34:34.904113
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "7d089e32eb23"
down_revision: str | None = "0845040c2b48"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coping_moment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_coping_moment_id_scope", ["id", "org_id", "occurred_at", "client_id"], unique=False
        )

    with op.batch_alter_table("moment_strategy", schema=None) as batch_op:
        batch_op.create_index(
            "ix_moment_strategy_moment_helpfulness", ["moment_id", "helpfulness"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("moment_strategy", schema=None) as batch_op:
        batch_op.drop_index("ix_moment_strategy_moment_helpfulness")

    with op.batch_alter_table("coping_moment", schema=None) as batch_op:
        batch_op.drop_index("ix_coping_moment_id_scope")
