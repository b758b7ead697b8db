"""The OpenAPI document matches the API: schemathesis sends generated requests (valid and
invalid) to every operation and finds no server error and no answer outside the document."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from helpdesk import resource_dir
from helpdesk.api.spec import OPERATIONS
from helpdesk.playbooks import service as playbooks
from tests.factories import make_article, make_idea, make_ticket, make_user

EXAMPLES = 6  # per operation and mode: about 350 requests in all
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def test_the_document_is_openapi_3_1_with_every_operation(app):
    document = app.test_client().get("/api/v1/openapi.json").json

    assert document["openapi"] == "3.1.0"
    operations = {
        (method, path) for path, methods in document["paths"].items() for method in methods
    }
    assert len(operations) == len(OPERATIONS)
    assert ("patch", "/api/v1/tickets/{number}") in operations
    ticket = document["components"]["schemas"]["TicketCreate"]
    assert ticket["properties"]["subject"]["maxLength"] == 200
    assert ticket["additionalProperties"] is False
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_docs_page_renders_the_document_with_the_vendored_viewer(app, client):
    page = client.get("/api/v1/docs").get_data(as_text=True)

    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert 'data-spec-url="/api/v1/openapi.json"' in page
    viewer = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert viewer.status_code == 200
    viewer.close()


@pytest.mark.long_running
def test_generated_requests_get_answers_the_document_allows(app, api):
    """Valid and invalid requests for every operation, as an admin (who may call nearly all of
    them), with some data to find; a bounded number of examples keeps the suite quick."""
    admin, _user = api("admin")
    playbooks.sync(resource_dir("playbooks"))
    make_ticket(customer=make_user("customer"))
    make_article()
    make_idea()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {admin.token}"}
    checked = 0

    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                derandomize=True,
            )
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            run()
            checked += 1

    # Every operation but the document itself, which schemathesis leaves out.
    assert checked == 2 * (len(OPERATIONS) - 1)
