"""#8 point 17 on the expired-form page of a visit request: the visited colleague reads as
their name (the form's choices are built for the page), never as an id."""
from datetime import timedelta


def _expired_visit_request(client, partnership, visited):
    return client.post(f"/visits/partnership/{partnership.id}/new", csrf=False, data={
        "proposed_date": (partnership.program.start_date + timedelta(days=20)).isoformat(),
        "visited_id": str(visited.id), "location": "Room 12", "length_days": "0.5",
        "purpose": "See number talks."})


def test_visited_colleague_is_shown_by_name(as_teacher, partnership, partner):
    response = _expired_visit_request(as_teacher, partnership, partner)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<dt>Teacher visited</dt><dd class="carried">Ben Partner</dd>' in page
    assert f'name="visited_id" value="{partner.id}"' in page  # sent again as it was


def test_no_names_from_a_partnership_one_is_not_in(signed_in, partnership, partner,
                                                  school):
    from tests import factories

    outsider = factories.UserFactory(school=school, name="Olga Outsider")
    page = _expired_visit_request(signed_in(outsider), partnership, partner).get_data(
        as_text=True)
    assert "Ben Partner" not in page
