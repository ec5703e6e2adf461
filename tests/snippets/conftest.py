from tests.pages.registry.conftest import directory  # noqa: F401 (a fixture, re-exported)
