from tests.integration.conftest import anon, app, sign_in  # noqa: F401
