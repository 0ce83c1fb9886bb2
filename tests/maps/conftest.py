from ..browser import chromium_fixture

browser = chromium_fixture("browser", scope="session")
