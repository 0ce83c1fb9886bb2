import sys
from pathlib import Path

# tests/browser.py is a shared helper module beside this folder
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browser import chromium_fixture  # noqa: E402

browser = chromium_fixture("browser", scope="session")
