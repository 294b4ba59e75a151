"""Draw the site's PNG icons from its SVG icons with Chromium, for the web app manifest.

The icons are drawn as SVG (docs/assets/images/icon.svg, icon-maskable.svg); phones want
PNGs too (192 and 512 px, and a maskable one). This script renders each SVG at each size in
Debian's Chromium (the one the tests use) and writes the PNGs next to them. The PNGs are
committed, so building the site needs neither Chromium nor an image library. Run it after
changing an SVG:

    .venv/bin/python scripts/draw_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "assets" / "images"
PNGS = {  # PNG -> (SVG, size in pixels)
    "icon-192.png": ("icon.svg", 192),
    "icon-512.png": ("icon.svg", 512),
    "icon-maskable-512.png": ("icon-maskable.svg", 512),
}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for png, (svg, size) in PNGS.items():
            page = browser.new_page(viewport={"width": size, "height": size}, device_scale_factor=1)
            page.goto((IMAGES / svg).as_uri())  # an SVG with a viewBox and no size fills the window
            page.screenshot(path=str(IMAGES / png), omit_background=True)
            page.close()
            print(f"{IMAGES / png}: {size}x{size} from {svg}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
