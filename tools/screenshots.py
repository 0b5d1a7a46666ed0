"""Screenshots of the built site as a reader sees it, and the browser plumbing the browser tests share.

    python tools/screenshots.py [--site site] [--out screenshots]

serves ``site/`` under a sub-path (as GitHub Pages does, ``/<repo>/``) on 127.0.0.1 and writes PNGs of the home,
actors, timeline and a source page at desktop (1280 px) and phone (390 px) widths, light and dark.

The browser is Debian's Chromium (``/usr/bin/chromium``) driven by Playwright, which never downloads one.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import os
import shutil
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium calls Google's hosts at start; this machine has no network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage"]
PREFIX = "/explainer/"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = PREFIX):
    """Serve a copy of ``site`` at ``http://127.0.0.1:<port><prefix>``; yields that base URL."""
    with tempfile.TemporaryDirectory(prefix="explainer-serve-") as tmp:
        shutil.copytree(site, Path(tmp) / prefix.strip("/"))
        handler = functools.partial(_QuietHandler, directory=tmp)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        finally:
            server.shutdown()
            server.server_close()


def ensure_chromium() -> str | None:
    """Find Debian's Chromium, installing it with apt-get when we are root; else the reason it cannot be had."""
    if CHROMIUM.exists():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and apt-get cannot install it here (not root, or no apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            return f"{' '.join(cmd)} failed: {proc.stderr.strip()[-500:]}"
    return None if CHROMIUM.exists() else f"apt-get installed chromium but {CHROMIUM} is still missing"


def launch(playwright):
    """Debian's Chromium under Playwright, with a fresh profile and no background network."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def pages_to_shoot(site: Path) -> dict[str, str]:
    """Name → path under the site root: the site home, then the first story's home, actors, timeline, a source."""
    story = next(p.parent.name for p in sorted(site.glob("*/story.yaml")))
    source = next(p.parent.name for p in sorted((site / story / "sources").glob("*/index.html")))
    return {"home": "", "story": f"{story}/", "actors": f"{story}/actors/", "timeline": f"{story}/timeline/",
            "source": f"{story}/sources/{source}/"}


def shoot(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    # The folder keeps itself out of git.
    (out / ".gitignore").write_text("*\n", encoding="utf-8")
    written = []
    with serve(site) as base, sync_playwright() as pw:
        browser = launch(pw)
        for device, (width, height) in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                              device_scale_factor=1)
                page = context.new_page()
                for name, path in pages_to_shoot(site).items():
                    page.goto(base + path, wait_until="networkidle")
                    target = out / f"{name}-{device}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="where PNGs go (default: screenshots/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        parser.error(f"{args.site}/index.html not found: build the site first (make site)")
    reason = ensure_chromium()
    if reason:
        parser.error(reason)
    for path in shoot(args.site, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
