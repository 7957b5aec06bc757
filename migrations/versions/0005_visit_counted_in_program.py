"""a visit's program year for release time, kept when its partnership is carried on

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 15:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    # Empty for every existing visit: it counts in its partnership's program, as before.
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('program_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_visit_program_id'), ['program_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_visit_program_id_program'), 'program',
                                    ['program_id'], ['id'])


def downgrade():
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_visit_program_id_program'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_visit_program_id'))
        batch_op.drop_column('program_id')
