"""The admins' audit log: who signed in or failed to, who changed whose account, who exported
and who deleted what, filtered and paged."""

from datetime import timedelta

from helpdesk import clock
from tests.conftest import sign_in
from tests.factories import make_canned_reply, make_user


def rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return [row for row in body.split("<tr>")[1:]]


def test_the_log_shows_sign_ins_failures_role_changes_exports_and_deletions(app, login):
    admin_browser, admin = login("admin", name="Ada Admin")
    ana = make_user(email="ana@example.com", name="Ana Agent", role="agent")
    sign_in(app.test_client(), "ana@example.com", "wrong password")
    sign_in(app.test_client(), "nobody@example.com", "guess")
    admin_browser.post(f"/admin/users/{ana.id}/role", data={"role": "supervisor"})
    supervisor_browser = app.test_client()
    sign_in(supervisor_browser, "ana@example.com")
    assert supervisor_browser.get("/reports/export.csv?period=30").status_code == 200
    admin_browser.post(f"/agent/canned-replies/{make_canned_reply(title='Refund').id}/delete")

    page = admin_browser.get("/admin/audit").get_data(as_text=True)

    for shown in (
        "Failed sign-in",
        "nobody@example.com (no account)",
        "Role changed",
        "old: agent",
        "new: supervisor",
        "Ada Admin",
        "Report exported",
        "Canned reply deleted",
        "title: Refund",
        "Signed in",
    ):
        assert shown in page, shown
    assert rows(page)[0].count("Canned reply deleted") == 1  # newest first


def test_filters_narrow_the_log_by_kind_person_address_and_date(app, login):
    admin_browser, _ = login("admin")
    ana = make_user(email="ana@example.com", name="Ana")
    sign_in(app.test_client(), ana.email, "wrong password")
    clock.advance(timedelta(days=3))
    sign_in(app.test_client(), "bo@example.com", "wrong password")
    today = clock.now().date()

    failed = admin_browser.get("/admin/audit?group=failed").get_data(as_text=True)
    by_person = admin_browser.get("/admin/audit?group=failed&person=ANA@").get_data(as_text=True)
    recent = admin_browser.get(f"/admin/audit?group=failed&from={today}").get_data(as_text=True)
    elsewhere = admin_browser.get("/admin/audit?address=198.51.100.1").get_data(as_text=True)

    assert len(rows(failed)) == 2 and "Signed in" not in failed.split("<tbody>")[1]
    assert len(rows(by_person)) == 1 and "ana@example.com" in by_person
    assert len(rows(recent)) == 1 and "bo@example.com" in recent
    assert "No events match these filters." in elsewhere


def test_a_wrong_filter_says_so_and_still_lists(login):
    admin_browser, _ = login("admin")

    response = admin_browser.get("/admin/audit?from=31-02-2026&group=%27%20OR%201=1")

    assert response.status_code == 200
    assert "Not a valid date value." in response.get_data(as_text=True)


def test_a_long_log_is_paged(app, login):
    admin_browser, _ = login("admin")
    app.config["PER_PAGE"] = 5
    for _ in range(12):
        sign_in(app.test_client(), "nobody@example.com", "guess")

    page = admin_browser.get("/admin/audit?group=failed&page=3").get_data(as_text=True)

    assert "Page 3 of 3" in page and len(rows(page)) == 2


def test_only_admins_see_it_and_it_is_in_their_menu(login):
    admin_browser, _ = login("admin")
    supervisor_browser, _ = login("supervisor")

    assert 'href="/admin/audit"' in admin_browser.get("/").get_data(as_text=True)
    assert supervisor_browser.get("/admin/audit").status_code == 403
