"Tests marked `slow` (full-size runs, the browser) run only with `pytest --runslow`."
import pytest

def pytest_addoption(parser):
    parser.addoption('--runslow', action='store_true', default=False, help='also run tests marked slow')

def pytest_configure(config):
    config.addinivalue_line('markers', 'slow: full-size or browser tests, run with --runslow')

def pytest_collection_modifyitems(config, items):
    if config.getoption('--runslow'): return
    skip = pytest.mark.skip(reason='slow: run with pytest --runslow')
    for item in items:
        if 'slow' in item.keywords: item.add_marker(skip)
