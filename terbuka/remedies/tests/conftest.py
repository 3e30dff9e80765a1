# The headless Chromium page of the request journeys, for the objection journeys.
from terbuka.requests.tests.conftest import browser_page

__all__ = ["browser_page"]
