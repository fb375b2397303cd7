"The notebooks stay light and true: no embedded image over the limit, no widget state, no paths of the machine that ran them."
import base64, json, re
from pathlib import Path
import pytest

NBS = sorted((Path(__file__).parent.parent / 'nbs').rglob('*.ipynb'))
IMAGE_LIMIT = 20_000          # bytes of an embedded image (figures belong in figures/, shown by reference)
ABS_PATH = re.compile(r'(?<![\w.])/(?:work|tmp|root|home|Users)/[\w.-]+')

def problems(d:dict) -> list:
    "What is wrong with a notebook (as parsed JSON): widget state, big embedded images, absolute machine paths."
    out = ['widget state in the metadata'] if 'widgets' in d.get('metadata', {}) else []
    for i, c in enumerate(d['cells']):
        for o in c.get('outputs', []):
            data = o.get('data', {})
            if 'application/vnd.jupyter.widget-view+json' in data: out.append(f'cell {i}: a widget output')
            for mime, v in data.items():
                if mime.startswith('image/'):
                    size = len(base64.b64decode(''.join(v))) if mime != 'image/svg+xml' else len(''.join(v))
                    if size > IMAGE_LIMIT: out.append(f'cell {i}: an embedded {mime} of {size:,} bytes (save it to figures/, show it by reference)')
            m = ABS_PATH.search(json.dumps(o))
            if m: out.append(f'cell {i}: an absolute path of the machine that ran it ({m.group(0)})')
    return out

def test_there_are_notebooks(): assert len(NBS) > 30

@pytest.mark.parametrize('nb', NBS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_notebook_is_light_and_portable(nb):
    assert problems(json.loads(nb.read_text())) == []

def test_the_check_catches_what_it_should():
    big = {'data': {'image/png': base64.b64encode(b'x' * 30_000).decode()}}
    cell = lambda o: {'cells': [{'cell_type': 'code', 'outputs': [o]}], 'metadata': {}}
    assert problems(cell(big)) and problems(cell({'text': 'saved to /work/main/figures/x.png'}))
    assert problems({'cells': [], 'metadata': {'widgets': {'state': {}}}})
    assert problems(cell({'data': {'application/vnd.jupyter.widget-view+json': {}}}))
    assert problems(cell({'text': 'figures/x.png', 'data': {'image/png': base64.b64encode(b'x' * 100).decode()}})) == []
