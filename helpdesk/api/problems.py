"""Errors as RFC 9457 problem documents (`application/problem+json`), with a stable `type`
for each kind of problem, a human `detail`, and per-field `errors` where input was wrong."""

from flask import Response, json

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://helpdesk.invalid/problems/"  # a stable name, not a page to fetch

# status -> (type slug, title)
PROBLEMS = {
    400: ("bad-request", "The request could not be read"),
    401: ("unauthorized", "A valid API token is needed"),
    403: ("forbidden", "Your role may not do this"),
    404: ("not-found", "There is no such resource"),
    405: ("method-not-allowed", "That method is not allowed here"),
    409: ("conflict", "The resource changed since you read it"),
    413: ("too-large", "The request body is too large"),
    415: ("unsupported-media-type", "Send JSON"),
    422: ("invalid", "Some values are not valid"),
    429: ("rate-limited", "Too many requests"),
    500: ("server-error", "Something went wrong on our side"),
}


class ApiProblem(Exception):
    """Raised anywhere in an API view to answer with a problem document."""

    def __init__(self, status: int, detail: str, errors: list[dict] | None = None, **headers):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.headers = headers


def problem(status: int, detail: str, errors: list[dict] | None = None, headers=None) -> Response:
    slug, title = PROBLEMS.get(status, ("error", "Error"))
    document = {"type": TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    if errors:
        document["errors"] = errors
    response = Response(json.dumps(document), status=status, mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def field_error(field: str | None, message: str) -> list[dict]:
    return [{"field": field or "", "message": message}]
