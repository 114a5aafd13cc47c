"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver, which `make test` installs)."""

from __future__ import annotations

import json
import shutil
from typing import Any

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def chrome(*arguments: str) -> Any:
    """A headless Chromium, 1400 px wide, logging the console and every network request."""
    assert CHROMIUM and CHROMEDRIVER, "chromium and chromium-driver are missing: `make test` installs them"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-dev-shm-usage", *arguments):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def network_events(driver: Any, method: str) -> list[dict[str, Any]]:
    """The params of every DevTools network event named `method` since the log was last read."""
    messages = (json.loads(entry["message"])["message"] for entry in driver.get_log("performance"))
    return [message["params"] for message in messages if message["method"] == method]
