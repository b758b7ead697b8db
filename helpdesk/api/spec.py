"""Declaring API operations: one decorator states the route, who may call it, the schemas it
reads and answers with; the same declaration checks the token and the role, validates the
input, serialises the answer, and becomes the operation in the OpenAPI document."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, g, json, request
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema

from helpdesk.api.problems import ApiProblem
from helpdesk.auth import tokens
from helpdesk.auth.models import Role
from helpdesk.web import MAX_ID

bp = Blueprint("api", __name__, url_prefix="/api/v1")

EVERY_ROLE = frozenset(Role)
MAX_BODY_BYTES = 256 * 1024


@dataclass(frozen=True)
class Operation:
    rule: str
    method: str
    endpoint: str
    summary: str
    description: str
    tag: str
    roles: frozenset[str]
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    conflicts: bool
    public: bool


OPERATIONS: list[Operation] = []


def validation_errors(error: ValidationError) -> list[dict]:
    """Pydantic's complaints as the problem document's per-field errors."""
    return [
        {
            "field": ".".join(str(part) for part in issue["loc"]),
            "message": issue["msg"].removeprefix("Value error, "),
        }
        for issue in error.errors(include_url=False, include_context=False)
    ]


def _authenticate():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="helpdesk"'}
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiProblem(
            401,
            "Send a personal API token as `Authorization: Bearer <token>`; "
            "make one on your account page.",
            **challenge,
        )
    found = tokens.user_for_token(token.strip())
    if found is None:
        raise ApiProblem(
            401,
            "This token does not work: it was revoked or mistyped, or its owner's account "
            "is deactivated.",
            **challenge,
        )
    g.api_user, g.api_token = found
    return g.api_user


def _body(model: type[BaseModel]) -> BaseModel:
    if request.mimetype != "application/json":
        raise ApiProblem(415, "Send the body as JSON, with `Content-Type: application/json`.")
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise ApiProblem(413, f"Keep the body under {MAX_BODY_BYTES // 1024} KiB.")
    raw = request.get_data(cache=False)
    if len(raw) > MAX_BODY_BYTES:
        raise ApiProblem(413, f"Keep the body under {MAX_BODY_BYTES // 1024} KiB.")
    try:
        data = json.loads(raw)
    except ValueError:
        raise ApiProblem(400, "The body is not valid JSON (UTF-8).") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ApiProblem(422, "Some values are not valid.", validation_errors(error)) from None


def _query(model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise ApiProblem(
            422, "Some query parameters are not valid.", validation_errors(error)
        ) from None


def operation(
    rule: str,
    method: str,
    *,
    summary: str,
    tag: str,
    roles: frozenset[str] = EVERY_ROLE,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    conflicts: bool = False,
    public: bool = False,
) -> Callable:
    """Register `view(user, body=?, query=?, **path)` as an API operation.

    The view returns a `response` model (or None for 204); domain errors it lets through
    become problem documents. `public` operations need no token (the OpenAPI document).
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def endpoint(**path: Any):
            user = None
            if not public:
                user = _authenticate()
                if user.role not in roles:
                    raise ApiProblem(403, "Your role may not do this.")
            arguments = dict(path)
            if body is not None:
                arguments["body"] = _body(body)
            if query is not None:
                arguments["query"] = _query(query)
            result = view(user, **arguments) if not public else view(**arguments)
            if result is None:
                return current_app.response_class(status=204)
            if isinstance(result, BaseModel):
                result = result.model_dump(mode="json", by_alias=True)
            return current_app.response_class(
                json.dumps(result), status=status, mimetype="application/json"
            )

        # The app's start-up check wants every view to say who may reach it; the API's own
        # check above is by token, so the page rule is "anyone" and the role check is ours.
        endpoint.allowed_roles = frozenset({"anyone"})
        endpoint.api_roles = roles
        bp.add_url_rule(rule, view.__name__, endpoint, methods=[method])
        OPERATIONS.append(
            Operation(
                rule=rule,
                method=method.lower(),
                endpoint=view.__name__,
                summary=summary,
                description=(view.__doc__ or "").strip(),
                tag=tag,
                roles=roles,
                body=body,
                query=query,
                response=response,
                status=status,
                conflicts=conflicts,
                public=public,
            )
        )
        return endpoint

    return decorator


# --- The OpenAPI document ------------------------------------------------------------------

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
PROBLEM_DESCRIPTIONS = {
    "400": "The body is not valid JSON",
    "401": "No token, or one that does not work",
    "403": "Your role may not do this",
    "404": "No such resource, or not yours to see",
    "409": "The resource changed since you read it (send the current `version`)",
    "413": "The body is too large",
    "415": "The body is not JSON",
    "422": "Some values are not valid; `errors` says which",
    "429": "Too many requests from this token; wait as `Retry-After` says",
}
PATH_VARIABLE = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path(rule: str) -> tuple[str, list[dict]]:
    parameters = []
    for converter, name in PATH_VARIABLE.findall(rule):
        schema = (
            {"type": "integer", "minimum": 1, "maximum": MAX_ID}
            if converter == "int"
            else {"type": "string", "maxLength": 200}
        )
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return PATH_VARIABLE.sub(r"{\2}", bp.url_prefix + rule), parameters


def _query_parameters(model: type[BaseModel], components: dict) -> list[dict]:
    schema = components[model.__name__]
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": {key: value for key, value in prop.items() if key != "title"},
            **({"description": prop["description"]} if "description" in prop else {}),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def _problem_responses(op: Operation) -> dict:
    codes = ["429"]
    if not op.public:
        codes.append("401")
        if op.roles != EVERY_ROLE:
            codes.append("403")
    if "<" in op.rule:
        codes.append("404")
    if op.conflicts:
        codes.append("409")
    if op.body is not None:
        codes += ["400", "413", "415", "422"]
    if op.query is not None and "422" not in codes:
        codes.append("422")
    return {
        code: {
            "description": PROBLEM_DESCRIPTIONS[code],
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for code in sorted(codes)
    }


def openapi_document(version: str) -> dict:
    """OpenAPI 3.1 from the declared operations and their pydantic models."""
    inputs = {model for op in OPERATIONS for model in (op.body, op.query) if model}
    outputs = {op.response for op in OPERATIONS if op.response}
    keyed = [(model, "validation") for model in sorted(inputs, key=lambda m: m.__name__)] + [
        (model, "serialization") for model in sorted(outputs, key=lambda m: m.__name__)
    ]
    names, definitions = models_json_schema(keyed, ref_template="#/components/schemas/{model}")
    components = dict(definitions.get("$defs", {}))
    components["Problem"] = PROBLEM_SCHEMA

    def ref(model: type[BaseModel], mode: str) -> dict:
        return names[(model, mode)]

    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        path, parameters = _path(op.rule)
        if op.query is not None:
            parameters += _query_parameters(op.query, components)
        entry: dict[str, Any] = {
            "operationId": op.endpoint,
            "summary": op.summary,
            "tags": [op.tag],
        }
        if op.description:
            entry["description"] = op.description
        if op.public:
            entry["security"] = []
        if parameters:
            entry["parameters"] = parameters
        if op.body is not None:
            entry["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": ref(op.body, "validation")}},
            }
        success = {"description": "Done" if op.response is None else "OK"}
        if op.response is not None:
            success["content"] = {"application/json": {"schema": ref(op.response, "serialization")}}
        entry["responses"] = {str(op.status if op.response else 204): success}
        entry["responses"].update(_problem_responses(op))
        paths.setdefault(path, {})[op.method] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Helpdesk API",
            "version": version,
            "description": (
                "Tickets, messages, people, help-centre articles, ideas, survey results, "
                "metrics and playbooks. Send a personal API token (make one on your account "
                "page) as `Authorization: Bearer <token>`; the token acts with its owner's "
                "role. Errors are `application/problem+json` documents (RFC 9457)."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
