"""a team's round and stage in a staged cycle; a cycle entry's round, stage and answers

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    # Existing partnerships are at round 1, first stage (only staged cycles read it), and
    # existing entries are reflect – plan – act meetings (no stage, no answers).
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_round', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.add_column(sa.Column('cycle_stage', sa.String(length=100), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('cycle_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_round', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stage', sa.String(length=100), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('stage_name', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('answers', sa.JSON(), nullable=False,
                                      server_default='[]'))


def downgrade():
    with op.batch_alter_table('cycle_entry', schema=None) as batch_op:
        batch_op.drop_column('answers')
        batch_op.drop_column('stage_name')
        batch_op.drop_column('stage')
        batch_op.drop_column('cycle_round')
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.drop_column('cycle_stage')
        batch_op.drop_column('cycle_round')
