"""Each coping moment keeps its jar kind, for practice outcomes (bench/outcomes.py)

The kind is worked out from the strategies as they were logged, exactly as
`mend.coping.analytics.jar_kind` does, so moments logged before this revision
count the same as those logged after it.

Revision ID: 7d089e32eb23
Revises: 0845040c2b48
Create Date: 2026-11-22 05:34:34.904113
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d089e32eb23"
down_revision: str | None = "0845040c2b48"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = """
UPDATE coping_moment SET jar_kind = (
    SELECT CASE
        WHEN COUNT(*) = 0 THEN NULL
        WHEN MIN(CASE WHEN s.helpfulness = 'harmful' THEN 1 ELSE 0 END) = 1 THEN 'only_harmful'
        WHEN MAX(CASE WHEN s.helpfulness = 'harmful' THEN 1 ELSE 0 END) = 1 THEN 'some_harmful'
        WHEN MIN(CASE WHEN s.helpfulness = 'helpful' THEN 1 ELSE 0 END) = 1 THEN 'helpful_only'
        ELSE 'other'
    END
    FROM moment_strategy AS s WHERE s.moment_id = coping_moment.id
)
"""


def upgrade() -> None:
    with op.batch_alter_table("coping_moment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("jar_kind", sa.String(length=16), nullable=True))
    op.execute(BACKFILL)
    with op.batch_alter_table("coping_moment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_coping_moment_org_jar",
            ["org_id", "occurred_at", "client_id", "jar_kind"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("coping_moment", schema=None) as batch_op:
        batch_op.drop_index("ix_coping_moment_org_jar")
        batch_op.drop_column("jar_kind")
