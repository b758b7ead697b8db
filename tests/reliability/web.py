"""A browser-like HTTP client for the tests that run against a real gunicorn: it reads each
form's hidden fields (the CSRF token, the submission key, the version) the way a browser sends
them back."""

import re
from html import unescape

import requests

from tests.factories import DEFAULT_PASSWORD

FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def hidden_fields(page: str, action: str) -> dict[str, str]:
    """The hidden inputs of the form on `page` that posts to `action` (the first such form)."""
    for form in FORM.findall(page):
        start = dict(ATTRIBUTE.findall(form.split(">", 1)[0]))
        if unescape(start.get("action", "")).split("?")[0] in (action, ""):
            fields = {}
            for tag in HIDDEN.findall(form):
                attributes = dict(ATTRIBUTE.findall(tag))
                if "name" in attributes:
                    fields.setdefault(attributes["name"], unescape(attributes.get("value", "")))
            return fields
    raise AssertionError(f"no form posting to {action}")


class WebClient:
    """One visitor with their own cookies, talking to the server at `base`."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, allow_redirects=False, timeout=60)

    def submit(self, page: str, action: str, data: dict, hidden: dict | None = None):
        """Open `page`, then post its form to `action` with `data`, as a browser would.
        `hidden` overrides the form's hidden fields (a stale version, a reused key)."""
        form = hidden_fields(self.get(page).text, action)
        return self.post(action, {**form, **(hidden or {}), **data})

    def post(self, action: str, data: dict) -> requests.Response:
        return self.session.post(self.base + action, data=data, allow_redirects=False, timeout=60)

    def sign_in(self, email: str, password: str = DEFAULT_PASSWORD) -> None:
        response = self.submit("/login", "/login", {"email": email, "password": password})
        assert response.status_code == 302, response.text[-500:]
