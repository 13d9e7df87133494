"""Where the browser tests save what a reader saw: tests/browser/screenshots/, kept after the
run (not in git) for whoever reviews the theme at 360 and 1280 px."""

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parent / "browser" / "screenshots"


def screenshot_path(name, width):
    """tests/browser/screenshots/<name>-<width>.png, its folder made."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}-{width}.png"
