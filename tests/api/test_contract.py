"""The whole of /api/schema/ against the API, property-based (schemathesis + Hypothesis).

Every operation the document describes gets requests generated from its parameter
schemas, valid ones and invalid ones (out-of-range numbers, wrong types, NUL and other
odd characters, parameters the operation does not take), sent in-process to the WSGI
application on the test database. Asserted for every response: no server error; a
status, content type and body that the document describes; an invalid request refused
(4xx). Deterministic (derandomized) and bounded: a fixed number of examples per
operation, well under a minute on the project's machine.

Not asserted: that every schema-valid request succeeds. The schema cannot say which ids
exist, which field names a page type has or which host names are sites; such requests
are refused 400/404 and the document lists those answers.
"""

import contextlib
import json

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from api.router import api_router
from api.schema import openapi_document
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.registry import GrantCallFactory, SmallGrantOfferFactory, area

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Per operation and mode (24 operations x 2 modes): ~35 s on the project's 2-core machine
# with other work running, ~15 s idle. Fixed, so the test's time is bounded by design.
EXAMPLES = 8


@pytest.fixture
def api_data(seeded_site):
    """A little of everything the endpoints list: pages, a consultation, registry records."""
    index = ConsultationIndexPageFactory(parent=seeded_site)
    ConsultationPageFactory(parent=index, title="Konsultacje budżetu")
    offer = SmallGrantOfferFactory(title="Piknik")
    offer.ngo.areas.set([area("16")])
    GrantCallFactory(title="Konkurs na wypoczynek")
    return seeded_site


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, called in-process on the test's database connection: as
    Django's test client does, the connection is not closed at the end of each request
    (the test's transaction would go with it on PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_keeps_to_the_schema(api_data, wsgi_app):
    # The document as /api/schema/ serves it (not through the test client, which would
    # connect close_old_connections again after its request).
    schema = schemathesis.openapi.from_dict(json.loads(json.dumps(openapi_document(api_router))))
    app = wsgi_app
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert {"GET /api/v2/search/", "GET /api/v2/search/suggest/", "GET /api/v2/contact/"} <= labels
    assert len(operations) >= 24, labels

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # Unsatisfiable: no invalid request exists (an operation without parameters).
            with contextlib.suppress(Unsatisfiable):
                _fuzz(operation, mode, app, failures)()

    assert not failures, "\n\n".join(f"{key}\n{text}" for key, text in failures.items())


def _fuzz(operation, mode, app, failures):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(mode))
    def run(case):
        try:
            case.call_and_validate(app=app, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:  # a FailureGroup is the latter
            failures.setdefault(f"{operation.label} ({mode.value})", str(error)[:1500])

    return run
