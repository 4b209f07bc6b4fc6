"""Fixtures of the API tests: a runtime with every organisation and the example exporters.

A test module that needs another world defines its own ``runtime`` (pytest takes the module's
fixture before this one); ``client`` then serves that runtime.
"""

import pytest

from tests.e2e.api_setup import api_runtime, client_of, examples_imported


@pytest.fixture
def runtime(database, tmp_path):
    """A runtime with every organisation and user of ``api_setup``, and the example exporters."""
    runtime = api_runtime(database, tmp_path)
    examples_imported(runtime)
    return runtime


@pytest.fixture
def client(runtime):
    """A test client of the API application on ``runtime``."""
    return client_of(runtime)
