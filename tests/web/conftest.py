from tests.demo.conftest import demo_org  # noqa: F401  (the home pages open with the demo's logins)
