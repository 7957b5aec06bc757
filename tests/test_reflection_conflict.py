"""#8 point 2 for step 6: a stale save of one's reflection or of the shared evidence of
impact shows the same conflict panel as the other steps, both versions with labels."""
import re

from webapp.extensions import db
from webapp.models import FinalReflection

HX = {"HX-Request": "true"}
TOKEN = re.compile(r'name="edit_token" value="([^"]+)"')


def reflection_url(p, what):
    return f"/partnerships/{p.id}/reflection/{what}"


def _panel(page: str) -> str:
    return re.search(r'<div class="conflict".*?Discard mine and load theirs', page,
                     re.S).group(0)


def test_stale_reflection_save_shows_both_versions_with_labels(as_teacher, partnership,
                                                               teacher):
    partnership.reflections.append(FinalReflection(
        user_id=teacher.id, version=1, impressions="Saved in the other window"))
    db.session.commit()
    response = as_teacher.post(reflection_url(partnership, "mine"), data={
        "version": "0", "impressions": "Typed in this window"})
    assert response.status_code == 409
    panel = _panel(response.get_data(as_text=True))
    assert "The saved version" in panel and "Your version in this window" in panel
    assert "<dt>Summarize impressions</dt>" in panel
    assert "Saved in the other window" in panel and "Typed in this window" in panel
    assert 'name="overwrite_version" value="1"' in panel
    db.session.refresh(partnership)
    assert partnership.reflections[0].impressions == "Saved in the other window"


def test_stale_reflection_autosave_answers_with_the_panel_alone(as_teacher, partnership,
                                                                teacher):
    partnership.reflections.append(FinalReflection(
        user_id=teacher.id, version=2, impressions="Newer words"))
    db.session.commit()
    response = as_teacher.post(reflection_url(partnership, "mine"), headers=HX, data={
        "version": "1", "autosave": "1", "impressions": "Older tab's words"})
    assert response.status_code == 409
    status = response.get_data(as_text=True)
    assert 'id="wizard"' not in status  # it lands in the save-status area, not a page
    assert "<dt>Summarize impressions</dt>" in status
    assert "Newer words" in status and "Older tab&#39;s words" in status


def test_stale_impact_save_shows_both_versions_with_labels(as_teacher, partnership,
                                                           partner, signed_in):
    signed_in(partner).post(reflection_url(partnership, "impact"), data={
        "version": "0", "impact_evidence": "Partner's evidence"})
    db.session.refresh(partnership)
    assert partnership.impact_version == 1
    page = as_teacher.post(reflection_url(partnership, "impact"), data={
        "version": "0", "impact_evidence": "My evidence"}).get_data(as_text=True)
    panel = _panel(page)
    assert "<dt>Evidence of impact on student learning</dt>" in panel
    assert "Partner&#39;s evidence" in panel and "My evidence" in panel
    assert "The saved version" in panel and "Your version in this window" in panel
