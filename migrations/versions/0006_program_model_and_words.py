"""a program's model, its words and the model's other settings

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 16:00:00

"""
import copy

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


# Partners in Practice as its model file (webapp/programs/models/) stood at this revision:
# migrations never import application code, so its words and settings are copied here.
DEFAULT_KEY = 'partners-in-practice'
WORDS = {'intro': {'objective': 'All collaborative activities benefit from a clearly defined '
                        'objective. These goals can come from your own personal and '
                        'professional needs or from the needs of your class, your PLC, your '
                        'building, or your district.',
           'partner': 'Once you have determined your objective, find someone who wants to work '
                      'toward that objective with you: grade-level partners, subject partners, '
                      'PLC members, cross-school teams, or anyone willing to work towards your '
                      'shared objective. The only requirement for a partner is a commitment to '
                      'the shared objective.',
           'approach': 'Once you have shared communication on the objective, it comes time to '
                       'plan: how can you and your partner(s) best work to achieve your shared '
                       'objective? The important part is to decide openly and collectively on '
                       'a course of action so that everyone is on the same page moving '
                       'forward.',
           'timeline': 'Timelines help you maintain the scope and sequence of your project and '
                       'help you and your partner(s) stay at the same, collaborative pace. '
                       'Effective partnerships meet at least every other week.',
           'cycles': 'This process will be uniquely determined by your objective, your '
                     'partner(s), your method, and your timeline. Regardless of the variables, '
                     'make sure you schedule time to reflect, plan, act, and repeat.',
           'reflection': 'Reflection should occur throughout any collaborative process; '
                         'however, the reflection at the end of a process is especially '
                         'critical. Each member answers the guiding questions; together you '
                         'record the evidence of impact on student learning.'},
 'visit_form_title': 'Partners in Practice Visitation Form'}
SETTINGS = {'deadlines': [{'key': 'interest',
                'name': 'Tell your school administrator of your interest',
                'date': '09-30',
                'completed_by': 'interest'},
               {'key': 'partner',
                'name': 'Identify the colleague you will work with',
                'date': '10-15',
                'completed_by': 'partner'},
               {'key': 'goal',
                'name': 'Identify a common goal or area of focus',
                'date': '10-30',
                'completed_by': 'goal'},
               {'key': 'visits',
                'name': "Visit each other's classroom",
                'date': '03-31',
                'completed_by': 'visits'},
               {'key': 'reflection',
                'name': 'Reflect upon and provide evidence of the impact of your collective '
                        'work',
                'date': '05-31',
                'completed_by': 'reflections'}],
 'group': {'min': 2, 'max': 6},
 'cycle': 'reflect-plan-act',
 'practices': {'visits': {'release_days': 3,
                          'lengths': [0.5, 1.0],
                          'extra_visits_need_approval': True,
                          'approver_title': 'Superintendent/CEO'},
               'growth_plan_opt_out': {'min_years': 3,
                                       'wording': 'Teachers in their third year or later with '
                                                  'the district who take part in Partners in '
                                                  'Practice this year may opt out of the '
                                                  'Summative Growth Plan for this school year. '
                                                  'If they do, they are placed on the '
                                                  'Formative Growth Plan, which complements '
                                                  'their work with their partner, and are '
                                                  'rescheduled to the summative schedule for '
                                                  'the next school year.'},
               'checkins': {'interval_months': 2}},
 'objective_sources': ['own', 'class', 'plc', 'building', 'district']}


def upgrade():
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('model_key', sa.String(length=100), nullable=False,
                                      server_default=DEFAULT_KEY))
        batch_op.add_column(sa.Column('words', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('settings', sa.JSON(), nullable=True))

    # Every existing program is a Partners in Practice year: it gets today's words and
    # that model's settings; its own dates, lists and release days stay as they are.
    program = sa.table('program', sa.column('id', sa.Integer),
                       sa.column('release_days', sa.Integer),
                       sa.column('words', sa.JSON), sa.column('settings', sa.JSON))
    conn = op.get_bind()
    for row in conn.execute(sa.select(program.c.id, program.c.release_days)).all():
        settings = copy.deepcopy(SETTINGS)
        settings['practices']['visits']['release_days'] = row.release_days
        conn.execute(program.update().where(program.c.id == row.id)
                     .values(words=WORDS, settings=settings))
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.alter_column('words', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('settings', existing_type=sa.JSON(), nullable=False)


def downgrade():
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('settings')
        batch_op.drop_column('words')
        batch_op.drop_column('model_key')
