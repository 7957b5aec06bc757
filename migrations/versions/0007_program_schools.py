"""the schools a program runs in (none listed: every school of the district)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # No rows for existing programs: each keeps running in every school, as before.
    op.create_table(
        'program_school',
        sa.Column('program_id', sa.Integer(), nullable=False),
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['program_id'], ['program.id'],
                                name=op.f('fk_program_school_program_id_program'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['school_id'], ['school.id'],
                                name=op.f('fk_program_school_school_id_school'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('program_id', 'school_id', name=op.f('pk_program_school')),
    )
    op.create_index(op.f('ix_program_school_school_id'), 'program_school', ['school_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_program_school_school_id'), table_name='program_school')
    op.drop_table('program_school')
