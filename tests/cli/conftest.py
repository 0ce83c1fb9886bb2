import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli

from ..browser import chromium_fixture

browser = chromium_fixture("browser", scope="session")


@pytest.fixture
def run():
    """``run("validate", ...)``: the CLI through click's runner, exceptions raised (a traceback fails the test)."""
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke
