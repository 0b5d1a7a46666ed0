"""What readers see, in a real browser: Debian's Chromium driven by Playwright against the built site, served under
a sub-path as GitHub Pages serves it (``/<repo>/``).

The set-up finds Chromium or installs it with apt-get (as root, as CI runs), and installs axe-core from
``tests/browser/package-lock.json`` with npm; it skips only when that truly cannot work, and says why.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, SAMPLE_STORY

sys.path.insert(0, str(ROOT / "tools"))
from screenshots import ensure_chromium, launch, serve  # noqa: E402

pytestmark = pytest.mark.slow

BROWSER_DIR = ROOT / "tests" / "browser"
AXE = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1"}
BLOCKING = ("serious", "critical")


# --- set-up -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_ready():
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make test installs it)")
    reason = ensure_chromium()
    if reason:
        pytest.skip(f"no Chromium to drive: {reason}")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.skip("axe-core is not installed and npm is missing: cannot install tests/browser/package-lock.json")
        proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER_DIR, capture_output=True,
                              text=True, timeout=600)
        if proc.returncode != 0 or not AXE.exists():
            pytest.skip(f"npm ci in tests/browser failed: {proc.stderr.strip()[-500:]}")
    return AXE


@pytest.fixture(scope="module")
def site(built_project) -> Path:
    return built_project / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_ready):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(15_000)
    yield p
    context.close()


def nav_pages(site: Path) -> list[str]:
    """Every page a reader reaches from the navigation: the site home, each story's pages and its sources."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in pages]


# --- the pages load cleanly and privately -----------------------------------------------------------------------

def test_the_navigation_covers_every_story_page(site):
    pages = nav_pages(site)
    for page in ("", f"{SAMPLE_STORY}/", f"{SAMPLE_STORY}/actors/", f"{SAMPLE_STORY}/timeline/",
                 f"{SAMPLE_STORY}/quotes/", f"{SAMPLE_STORY}/questions/", f"{SAMPLE_STORY}/perspectives/",
                 f"{SAMPLE_STORY}/updates/",
                 f"{SAMPLE_STORY}/sources/wire-report/"):
        assert page in pages


def test_every_page_loads_with_no_console_error_and_no_outside_request(page, site, base_url):
    errors, outside, failed = [], [], []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("request", lambda r: urlsplit(r.url).hostname not in LOCAL_HOSTS
            and urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and outside.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in nav_pages(site):
        page.goto(base_url + path, wait_until="networkidle")
        assert page.locator("h1").count() >= 1, path
    assert errors == []
    assert outside == []
    assert failed == []


class _Resources(HTMLParser):
    """The URLs a page makes the browser fetch: scripts, styles, icons, fonts, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and not {"canonical", "alternate"} & set((a.get("rel") or "").split()):
            self.urls.append(a["href"])
        if a.get("srcset"):
            self.urls += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]


def test_the_built_html_and_css_fetch_nothing_from_another_host(site):
    for html in site.rglob("*.html"):
        parser = _Resources()
        parser.feed(html.read_text(encoding="utf-8"))
        external = [u for u in parser.urls if urlsplit(urljoin("http://127.0.0.1/x/", u)).hostname != "127.0.0.1"]
        assert external == [], html
    for css in site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        assert [u for u in urls if re.match(r"(https?:)?//", u)] == [], css


# --- reading ----------------------------------------------------------------------------------------------------

def test_the_search_box_finds_an_actor_by_surname(page, site, base_url):
    actors = yaml.safe_load((site / SAMPLE_STORY / "actors.yaml").read_text(encoding="utf-8"))
    # A surname of four letters or more: shorter words ("Un") are below what a reader would type.
    person = next(a for a in actors if a["type"] == "person" and len(a["name"].split()[-1]) >= 4)
    surname = person["name"].split()[-1]
    page.goto(base_url, wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(surname, delay=30)  # typed, as Material listens for keys
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    texts = results.all_inner_texts()
    assert any(person["name"] in t for t in texts), (surname, texts)
    hrefs = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any("/actors/" in h for h in hrefs), hrefs


def test_an_evidence_link_scrolls_to_and_highlights_its_sentence(page, base_url):
    page.goto(f"{base_url}{SAMPLE_STORY}/quotes/", wait_until="networkidle")
    link = page.locator(".md-content a.ev").first
    href = link.get_attribute("href")
    assert "#s-" in href
    link.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#s-\d+$"))
    page.wait_for_timeout(300)  # let the scroll settle
    state = page.evaluate("""() => {
        const el = document.querySelector(':target');
        if (!el) return null;
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return {id: el.id, cls: el.className, top: r.top, bottom: r.bottom, height: innerHeight,
                background: s.backgroundColor, outline: s.outlineStyle};
    }""")
    assert state, "no element matches :target"
    assert state["id"] == href.split("#")[1] and "sentence" in state["cls"]
    assert 0 <= state["top"] < state["height"], state  # scrolled into view, below the sticky header
    assert state["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), state
    assert state["outline"] == "solid", state


def test_the_pages_work_with_the_keyboard_alone(page, base_url):
    page.goto(f"{base_url}{SAMPLE_STORY}/", wait_until="networkidle")
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.className")
    assert "md-skip" in first, "the first Tab stop should be the skip link"
    # Tab on until focus is on a link in the article itself; Enter follows it.
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            return el && el.tagName === 'A' && el.closest('.md-content article') && !el.classList.contains('headerlink')
                ? el.href : null;
        }""")
        if focused:
            break
    else:
        pytest.fail("Tab never reached a link in the article")
    page.keyboard.press("Enter")
    page.wait_for_url(focused)
    assert page.url == focused


# --- accessibility ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(browser, site, base_url, axe_script, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for path in nav_pages(site):
            page.goto(base_url + path, wait_until="networkidle")
            palette = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert palette == ("slate" if scheme == "dark" else "default"), (path, palette)
            page.add_script_tag(path=str(axe_script))
            violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
            for v in violations:
                if v["impact"] in BLOCKING:
                    targets = [n["target"] for n in v["nodes"]][:5]
                    problems.append(f"/{path} [{scheme}] {v['id']} ({v['impact']}): {v['help']} at {targets}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
