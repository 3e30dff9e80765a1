# The headless Chromium page of the request journeys, for the dashboard journey.
from terbuka.requests.tests.conftest import browser_page

__all__ = ["browser_page"]
