"""An organisation's own names for the three healing stages (clinical-model §4)

Revision ID: 479b058302f0
Revises: 7d089e32eb23
Create Date: 2026-11-22 08:04:09.296386
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "479b058302f0"
down_revision: str | None = "7d089e32eb23"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage_1_name", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("stage_2_name", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("stage_3_name", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("stage_3_name")
        batch_op.drop_column("stage_2_name")
        batch_op.drop_column("stage_1_name")
