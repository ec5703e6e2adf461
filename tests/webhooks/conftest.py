import pytest

from tests.webhooks.helpers import SECRET, Receiver
from webhooks.models import WebhookEndpoint


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True  # the receiver is on this machine
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(name="Portal miejski", url=receiver.url, secret=SECRET)
