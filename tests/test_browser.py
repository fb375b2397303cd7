"""Tried in a real browser: JupyterLab opens every chapter, and the bound explorer's sliders redraw its plot.
Needs Debian's `chromium` and PyPI's `playwright` (which drives the system browser; nothing is downloaded):
    apt-get install chromium && pip install playwright && pytest --runslow tests/test_browser.py"""
import json, os, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parent.parent
BROWSER = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
NBS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / 'nbs').rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)

def _free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture(scope='module')
def lab():
    pytest.importorskip('playwright', reason='playwright is not installed (pip install playwright)')
    if not BROWSER: pytest.skip('no chromium on this machine (apt-get install chromium)')
    port = _free_port()
    proc = subprocess.Popen([sys.executable, '-m', 'jupyter', 'lab', '--no-browser', f'--port={port}', '--ip=127.0.0.1',
                             '--ServerApp.token=', '--ServerApp.password=', f'--ServerApp.root_dir={ROOT}',
                             '--LabApp.news_url=', '--ServerApp.disable_check_xsrf=True', '--allow-root'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f'http://127.0.0.1:{port}'
    for _ in range(120):
        try: urllib.request.urlopen(url + '/api', timeout=1); break
        except OSError: time.sleep(0.5)
    else: proc.kill(); pytest.fail('jupyter lab did not start')
    yield url
    proc.terminate(); proc.wait(timeout=30)

@pytest.fixture(scope='module')
def page(lab):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=BROWSER, args=['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                                                              '--disable-component-update', '--no-first-run', '--disable-sync'])
        pg = b.new_page(viewport={'width': 1400, 'height': 1000})
        yield pg
        b.close()

VISIBLE = '.jp-NotebookPanel:not(.lm-mod-hidden)'

def _open(page, lab, nb):
    page.goto(f'{lab}/lab/tree/{nb}?reset')             # a fresh workspace: only this notebook open
    page.wait_for_selector(f'{VISIBLE} .jp-Cell', timeout=60_000)

@pytest.mark.parametrize('nb', NBS)
def test_chapter_opens(page, lab, nb):
    _open(page, lab, nb)
    title = json.loads((ROOT / nb).read_text())['cells'][0]['source'][0].lstrip('# ').strip()
    page.wait_for_function('t => document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)").innerText.includes(t)', arg=title[:30], timeout=30_000)
    assert page.locator('.jp-Dialog').count() == 0

def test_bound_explorer_sliders_redraw(page, lab):
    _open(page, lab, 'nbs/ssd/21_bound.ipynb')
    page.wait_for_timeout(2000)                           # the kernel starts
    page.locator('.lm-MenuBar-itemLabel', has_text='Run').first.click()
    page.locator('.lm-Menu-itemLabel', has_text='Run All Cells').first.click()
    handle = page.locator(f'{VISIBLE} .widget-slider .noUi-handle').first
    handle.wait_for(timeout=180_000)
    img = page.locator(f'{VISIBLE} .widget-output img').first
    img.wait_for(timeout=60_000)
    before = img.get_attribute('src')
    handle.focus()
    for _ in range(20): page.keyboard.press('ArrowRight')
    page.wait_for_function("b => { const i = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-output img'); return i && i.src !== b; }",
                           arg=before, timeout=60_000)
    assert img.get_attribute('src') != before
