"""Nothing typed is lost (#8 points 2, 4, 5, 17) over HTTP: stale saves from another tab,
over-long fields, the error summary, labels instead of field names."""
import re
from datetime import timedelta

from webapp.extensions import db

HX = {"HX-Request": "true"}
TOKEN = re.compile(r'name="edit_token" value="([^"]+)"')


def step_url(p, key):
    return f"/partnerships/{p.id}/{key}"


def open_tab(client, p, key):
    """Load a step page as a new browser tab does; returns its edit token."""
    return TOKEN.search(client.get(step_url(p, key)).get_data(as_text=True)).group(1)


def autosave(client, p, key, token, **data):
    return client.post(step_url(p, key), headers=HX,
                       data={"version": "0", "autosave": "1", "edit_token": token, **data})


def test_same_user_in_two_tabs_gets_the_conflict_panel(as_teacher, partnership):
    tab1, tab2 = open_tab(as_teacher, partnership, "approach"), open_tab(
        as_teacher, partnership, "approach")
    assert tab1 != tab2
    assert autosave(as_teacher, partnership, "approach", tab1,
                    approach_plan="Plan from tab one").status_code == 200
    response = autosave(as_teacher, partnership, "approach", tab2,
                        approach_plan="Plan from tab two")
    assert response.status_code == 409
    panel = response.get_data(as_text=True)
    assert "You saved this step in another window" in panel
    assert "Plan from tab one" in panel and "Plan from tab two" in panel  # both texts
    db.session.refresh(partnership)
    assert partnership.approach_plan == "Plan from tab one"
    # A full save from the old tab is refused the same way, its text kept in the form.
    response = as_teacher.post(step_url(partnership, "approach"), data={
        "version": "0", "edit_token": tab2, "approach_plan": "Plan from tab two"})
    assert response.status_code == 409
    assert "Plan from tab two" in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.approach_plan == "Plan from tab one"


def test_own_tabs_autosave_racing_its_full_save_is_no_conflict(as_teacher, partnership):
    tab = open_tab(as_teacher, partnership, "approach")
    autosave(as_teacher, partnership, "approach", tab, approach_plan="Half a plan")
    # The autosave's answer (with the new version) had not arrived when Save was pressed.
    response = as_teacher.post(step_url(partnership, "approach"), headers=HX, data={
        "version": "0", "edit_token": tab, "approach_plan": "The whole plan"})
    assert response.status_code in (200, 422)
    assert "changed this step" not in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.approach_plan == "The whole plan"


def test_conflict_panel_shows_labels_and_choice_labels(as_teacher, partnership, partner,
                                                       signed_in):
    start = partnership.program.start_date
    signed_in(partner).post(step_url(partnership, "timeline"), data={
        "version": "0", "cadence": "monthly", "autosave": "1",
        "start_date": (start + timedelta(days=10)).isoformat()})
    response = as_teacher.post(step_url(partnership, "timeline"), headers=HX, data={
        "version": "0", "cadence": "biweekly", "autosave": "1"})
    assert response.status_code == 409
    panel = response.get_data(as_text=True)
    assert "<dt>We will meet</dt>" in panel and "<dt>Start date</dt>" in panel
    assert "Monthly" in panel and "Every other week" in panel
    assert "cadence" not in panel and "biweekly" not in panel


def test_cycle_edit_conflict_shows_labels(as_teacher, partnership, teacher, program):
    from webapp.models import CycleEntry

    entry = CycleEntry(author_id=teacher.id, met_on=program.start_date, version=2,
                       reflected="Saved words", attendees="Ana, Ben")
    partnership.cycles.append(entry)
    db.session.commit()
    page = as_teacher.post(f"/partnerships/cycles/{entry.id}/edit", data={
        "version": "1", "met_on": program.start_date.isoformat(),
        "reflected": "My newer words"}).get_data(as_text=True)
    assert "<dt>What we reflected on</dt>" in page and "<dt>Who attended</dt>" in page
    assert "Saved words" in page and "My newer words" in page
    assert "reflected</dt>" not in page.replace("What we reflected on</dt>", "")


def test_one_over_long_answer_does_not_cost_the_others(as_teacher, partnership):
    """#8 point 4: the valid answers are saved, the long one waits as a draft."""
    choice = partnership.program.approaches[0]
    pasted = "w" * 45_000
    tab = open_tab(as_teacher, partnership, "approach")
    response = as_teacher.post(step_url(partnership, "approach"), headers=HX, data={
        "version": "0", "autosave": "1", "edit_token": tab, "approaches": [choice],
        "communication_plan": "Ten minutes after each lesson", "approach_plan": pasted})
    assert response.status_code == 422
    status = response.get_data(as_text=True)
    assert "Saved" in status and "Our plan" in status and "Keep this to 20000" in status
    assert '<li data-field="approach_plan">' in status  # tandem.js puts it at the field
    assert 'id="version-approach" value="1"' in status  # the next autosave is not stale
    db.session.refresh(partnership)
    assert partnership.approaches == [choice]
    assert partnership.communication_plan == "Ten minutes after each lesson"
    assert partnership.approach_plan == ""
    # Reopening the step brings the long text back, with the message at its field.
    page = as_teacher.get(step_url(partnership, "approach")).get_data(as_text=True)
    assert pasted in page
    field = re.search(r'<textarea[^>]*id="approach_plan"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and "approach_plan-error" in field
    assert 'data-char-limit="20000"' in field
    # Shortened, it is saved and the draft is gone.
    tab = open_tab(as_teacher, partnership, "approach")
    as_teacher.post(step_url(partnership, "approach"), headers=HX, data={
        "version": "1", "autosave": "1", "edit_token": tab, "approaches": [choice],
        "communication_plan": "Ten minutes after each lesson", "approach_plan": "w" * 900})
    db.session.refresh(partnership)
    assert partnership.approach_plan == "w" * 900
    assert "w" * 901 not in as_teacher.get(step_url(partnership, "approach")).get_data(
        as_text=True)


def test_error_summary_links_each_error_to_its_field(as_teacher, partnership):
    """#8 point 5: the summary heads the form; its links lead to the fields."""
    page = as_teacher.post(step_url(partnership, "timeline"), data={
        "version": "0", "start_date": "not a date"}).get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    assert 'role="alert"' in summary and "autofocus" in summary
    assert 'href="#start_date"' in summary and "Start date:" in summary
    assert 'href="#cadence-0"' in summary and "We will meet:" in summary  # a radio group
    assert page.index("error-summary") < page.index('id="start_date"')
    # The visit request has one too.
    page = as_teacher.post(f"/visits/partnership/{partnership.id}/new",
                           data={"proposed_date": ""}).get_data(as_text=True)
    assert 'class="error-summary"' in page and 'href="#proposed_date"' in page


def test_expired_form_page_shows_labels_and_choice_labels(as_teacher, partnership):
    """#8 point 17: the send-again page speaks the form's words, not field names."""
    response = as_teacher.post(step_url(partnership, "timeline"), csrf=False, data={
        "version": "0", "cadence": "biweekly", "edit_token": "t" * 32,
        "start_date": partnership.program.start_date.isoformat()})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "<dt>We will meet</dt><dd class=\"carried\">Every other week</dd>" in page
    assert "<dt>Start date</dt>" in page
    assert "<dt>cadence</dt>" not in page and ">biweekly<" not in page
    assert "<dt>edit_token</dt>" not in page and "<dt>version</dt>" not in page
    assert 'name="cadence" value="biweekly"' in page  # still sent again as it was


def test_refused_text_brought_back_after_a_partner_saved_meets_the_conflict_panel(
        as_teacher, signed_in, partner, partnership):
    """The over-long text waits as a draft; a partner then saves the step. Reopened, the
    text comes back as an edit of the older version: saving it shows the panel with the
    partner's text instead of silently replacing it."""
    choice = partnership.program.approaches[0]
    tab = open_tab(as_teacher, partnership, "approach")
    as_teacher.post(step_url(partnership, "approach"), headers=HX, data={
        "version": "0", "autosave": "1", "edit_token": tab, "approaches": [choice],
        "communication_plan": "Mondays", "approach_plan": "m" * 45_000})
    as_partner = signed_in(partner)
    partner_tab = open_tab(as_partner, partnership, "approach")
    as_partner.post(step_url(partnership, "approach"), headers=HX, data={
        "version": "1", "autosave": "1", "edit_token": partner_tab, "approaches": [choice],
        "communication_plan": "Mondays", "approach_plan": "The partner's plan"})
    db.session.refresh(partnership)
    assert partnership.approach_plan == "The partner's plan"

    page = as_teacher.get(step_url(partnership, "approach")).get_data(as_text=True)
    assert "m" * 45_000 in page
    version = re.search(r'name="version" id="version-approach" value="(\d+)"', page).group(1)
    tab = TOKEN.search(page).group(1)
    response = as_teacher.post(step_url(partnership, "approach"), data={
        "version": version, "edit_token": tab, "approaches": [choice],
        "communication_plan": "Mondays", "approach_plan": "m" * 900})
    assert response.status_code == 409
    assert "The partner&#39;s plan" in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.approach_plan == "The partner's plan"


def test_conflict_panel_leaves_out_what_the_form_does_not_show(as_teacher, partnership):
    """A program without rubric indicators has no such question on step 1: the panel
    does not list it either."""
    partnership.program.rubric_indicators = []
    db.session.commit()
    tab1, tab2 = (open_tab(as_teacher, partnership, "objective") for _ in range(2))
    assert "Focal rubric" not in as_teacher.get(step_url(partnership, "objective")).get_data(
        as_text=True)
    autosave(as_teacher, partnership, "objective", tab1, objective="From tab one")
    panel = autosave(as_teacher, partnership, "objective", tab2,
                     objective="From tab two").get_data(as_text=True)
    assert "From tab one" in panel and "Focal rubric" not in panel
