"""a program's deadlines are its own list (settings["deadlines"], full dates); hand ticks

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 10:00:00

"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# The five dated columns, the completion kind each one's deadline has, and its name as
# Partners in Practice words it (for a program whose settings list none: a copy here,
# migrations import no application code).
COLUMNS = {
    'interest': ('interest', 'Tell your school administrator of your interest'),
    'partner': ('partner', 'Identify the colleague you will work with'),
    'goal': ('goal', 'Identify a common goal or area of focus'),
    'visits': ('visits', "Visit each other's classroom"),
    'reflection': ('reflections', 'Reflect upon and provide evidence of the impact of your '
                                  'collective work'),
}


def _program_table(with_columns: bool) -> sa.Table:
    columns = [sa.column('id', sa.Integer), sa.column('start_date', sa.Date),
               sa.column('end_date', sa.Date), sa.column('settings', sa.JSON)]
    if with_columns:
        columns += [sa.column(f'{key}_deadline', sa.Date) for key in COLUMNS]
    return sa.table('program', *columns)


def _in_year(month_day: str, start: date) -> date:
    """A model's "MM-DD" in the school year that begins on `start` (July onwards is its
    first calendar year); Feb 29 is Feb 28 in a common year."""
    month, day = (int(part) for part in month_day.split('-'))
    first_year = start.year if start.month >= 7 else start.year - 1
    year = first_year if month >= 7 else first_year + 1
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 28)


def dated_list(settings: dict | None, columns: dict[str, date], start: date) -> list[dict]:
    """The program's deadlines with full dates: those its settings list (every one of the
    five for a program listing none), a listed column's date kept exactly as edited."""
    listed = (settings or {}).get('deadlines')
    if listed is None:
        listed = [{'key': key, 'name': name, 'completed_by': kind}
                  for key, (kind, name) in COLUMNS.items()]
    result = []
    for item in listed:
        key = item['key']
        due = columns[key] if key in columns else _in_year(item['date'], start)
        kind = item.get('completed_by') or COLUMNS.get(key, ('manual',))[0]
        result.append({'key': key, 'name': item['name'], 'date': due.isoformat(),
                       'completed_by': kind})
    return result


def upgrade():
    op.create_table(
        'deadline_tick',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('program_id', sa.Integer(), nullable=False),
        sa.Column('deadline_key', sa.String(length=100), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=False),
        sa.Column('ticked_by_id', sa.Integer(), nullable=False),
        sa.Column('ticked_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['program_id'], ['program.id'],
                                name=op.f('fk_deadline_tick_program_id_program'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['teacher_id'], ['user.id'],
                                name=op.f('fk_deadline_tick_teacher_id_user'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['ticked_by_id'], ['user.id'],
                                name=op.f('fk_deadline_tick_ticked_by_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_tick')),
        sa.UniqueConstraint('program_id', 'deadline_key', 'teacher_id',
                            name=op.f('uq_deadline_tick_program_id')),
    )
    op.create_index(op.f('ix_deadline_tick_program_id'), 'deadline_tick', ['program_id'],
                    unique=False)
    op.create_index(op.f('ix_deadline_tick_teacher_id'), 'deadline_tick', ['teacher_id'],
                    unique=False)

    # Each program's deadlines move into its settings with their dates, names and kinds;
    # then the five columns go (settings["deadlines"] is the one truth).
    program = _program_table(with_columns=True)
    conn = op.get_bind()
    for row in conn.execute(sa.select(program)).all():
        columns = {key: getattr(row, f'{key}_deadline') for key in COLUMNS}
        settings = dict(row.settings or {})
        settings['deadlines'] = dated_list(row.settings, columns, row.start_date)
        conn.execute(program.update().where(program.c.id == row.id).values(settings=settings))
    with op.batch_alter_table('program', schema=None) as batch_op:
        for key in COLUMNS:
            batch_op.drop_column(f'{key}_deadline')


def downgrade():
    with op.batch_alter_table('program', schema=None) as batch_op:
        for key in COLUMNS:
            batch_op.add_column(sa.Column(f'{key}_deadline', sa.Date(), nullable=True))
    # Back to month-days in settings and a date in each column: the deadline of that key,
    # else the first of that kind, else the year's last day (as before this revision).
    program = _program_table(with_columns=True)
    conn = op.get_bind()
    for row in conn.execute(sa.select(program)).all():
        settings = dict(row.settings or {})
        listed = settings.get('deadlines') or []
        values = {}
        for key, (kind, _name) in COLUMNS.items():
            match = next((d for d in listed if d['key'] == key), None) \
                or next((d for d in listed if d['completed_by'] == kind), None)
            values[f'{key}_deadline'] = date.fromisoformat(match['date']) if match \
                else row.end_date
        settings['deadlines'] = [{**d, 'date': d['date'][5:]} for d in listed]
        conn.execute(program.update().where(program.c.id == row.id)
                     .values(settings=settings, **values))
    with op.batch_alter_table('program', schema=None) as batch_op:
        for key in COLUMNS:
            batch_op.alter_column(f'{key}_deadline', existing_type=sa.Date(), nullable=False)
    op.drop_index(op.f('ix_deadline_tick_teacher_id'), table_name='deadline_tick')
    op.drop_index(op.f('ix_deadline_tick_program_id'), table_name='deadline_tick')
    op.drop_table('deadline_tick')
