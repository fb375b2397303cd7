"""Fault injection: every kind of file the project reads back — truncated, bit-flipped, or swapped for a file of another
kind — is refused in one clear line (never a traceback, never a silent resume)."""
import contextlib, io, json, shutil
from pathlib import Path
import pytest, torch
from ssd_nb.base.checks import BadInput

def truncate(p:Path): p.write_bytes(p.read_bytes()[: max(1, p.stat().st_size // 2)])
def bitflip(p:Path):
    raw = bytearray(p.read_bytes()); i = len(raw) - 9; raw[i] ^= 0x20; p.write_bytes(bytes(raw))
def swap(p:Path, other:Path): shutil.copyfile(other, p)

DAMAGE = ['truncate', 'bitflip', 'swap']

def damage(kind, p, other):
    {'truncate': truncate, 'bitflip': bitflip, 'swap': lambda q: swap(q, other)}[kind](p)

def one_line(e:BaseException) -> bool: return isinstance(e, BadInput) and '\n' not in str(e)

@pytest.fixture(scope='module')
def files(tmp_path_factory):
    "One file of every kind the project reads back, made by the project's own code."
    from ssd_nb.base.cache import save_verified, write_json_verified
    from ssd_nb.grok.config import SweepConfig, Member
    from ssd_nb.grok.train import train_sweep
    d = tmp_path_factory.mktemp('files')
    cfg = SweepConfig(p=7, frac=0.5, epochs=6, eval_every=2, d_model=8, d_mlp=16)
    train_sweep(cfg, [Member()], checkpoint=str(d / 'grok.ckpt'), checkpoint_every=3, stop_after=3, progress=False)
    from ssd_nb.ssd.proxy import _open_run
    run = d / 'run'; _open_run(run, {'tokens_sha': 'x', 'n_seqs': 2, 'chunk_seqs': 2, 'variants': ['real']})
    save_verified({'loss_model': torch.rand(2, 4), 'loss_real': torch.rand(2, 4), 'l0': torch.ones(2, 3)}, run / 'chunk_00000.pt',
                  'record chunk', {'run': 'x', 'chunk': 0})
    write_json_verified(d / 'calibration.json', {'key': {}, 'token_threshold': 80.0, 'sequence_threshold': 60.0})
    return {'cfg': cfg, 'grok': d / 'grok.ckpt', 'run_json': run / 'run.json', 'chunk': run / 'chunk_00000.pt', 'run': run,
            'calibration': d / 'calibration.json'}

@pytest.mark.parametrize('how', DAMAGE)
def test_grok_checkpoint(files, how, tmp_path):
    from ssd_nb.grok.config import Member
    from ssd_nb.grok.train import train_sweep
    ck = tmp_path / 'ck.pt'; shutil.copyfile(files['grok'], ck)
    damage(how, ck, files['chunk'])
    with pytest.raises(BadInput) as e: train_sweep(files['cfg'], [Member()], checkpoint=str(ck), progress=False)
    assert one_line(e.value) and 'checkpoint' in str(e.value)

@pytest.mark.parametrize('what', ['run_json', 'chunk'])
@pytest.mark.parametrize('how', DAMAGE)
def test_run_records(files, what, how, tmp_path):
    from ssd_nb.ssd.proxy import load_records
    run = tmp_path / 'run'; shutil.copytree(files['run'], run)
    target = run / files[what].name
    damage(how, target, files['calibration'] if what == 'chunk' else files['grok'])
    with pytest.raises(BadInput) as e: load_records(run)
    assert one_line(e.value)

@pytest.mark.parametrize('how', DAMAGE)
def test_calibration(files, how, tmp_path):
    from ssd_nb.base.cache import read_json_verified
    f = tmp_path / 'cal.json'; shutil.copyfile(files['calibration'], f)
    damage(how, f, files['run_json'])
    with pytest.raises(BadInput) as e: read_json_verified(f, 'monitor calibration', 'delete it')
    assert one_line(e.value)

@pytest.mark.parametrize('what', ['cfg.json', 'sae_weights.safetensors', 'manifest.json'])
@pytest.mark.parametrize('how', DAMAGE)
def test_sae_folder(what, how, tmp_path):
    from ssd_nb.lm.sae import load_sae_folder, SHIPPED_SAES, shipped_sae_dir
    src = shipped_sae_dir(SHIPPED_SAES[0])
    if not (src / 'manifest.json').exists(): pytest.skip('the shipped SAE is not in this checkout')
    f = tmp_path / 'sae'; shutil.copytree(src, f)
    damage(how, f / what, f / ('cfg.json' if what != 'cfg.json' else 'training.json'))
    with pytest.raises(BadInput) as e: load_sae_folder(f)
    assert one_line(e.value)

@pytest.mark.parametrize('how', DAMAGE)
def test_harvest_chunk(how, tmp_path):
    from ssd_nb.base.cache import save_verified, write_json_verified
    from ssd_nb.lm.activations import load_harvest, _meta_key, _chunk
    meta = {'format': 1, 'n_seqs': 2, 'chunk_seqs': 2, 'd_model': 3}
    write_json_verified(tmp_path / 'meta.json', meta)
    save_verified({'acts': torch.randn(4, 3), 'nonfinite_rows': 0}, _chunk(tmp_path, 0), 'activation chunk', {'harvest': _meta_key(meta), 'chunk': 0})
    other = tmp_path / 'other.pt'; save_verified({'acts': torch.randn(4, 3)}, other, 'record chunk')
    damage(how, _chunk(tmp_path, 0), other)
    with pytest.raises(BadInput) as e: load_harvest(tmp_path)
    assert one_line(e.value)

def test_cli_grok_checkpoint_damage_is_one_line(files, tmp_path):
    from ssd_nb.cli import main
    ck = tmp_path / 'ck.pt'; shutil.copyfile(files['grok'], ck); bitflip(ck)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        rc = main(['grok', 'run', '--p', '7', '--frac', '0.5', '--epochs', '6', '--eval-every', '2', '--d-model', '8', '--d-mlp', '16',
                   '--seeds', '0', '--checkpoint', str(ck)])
    assert rc == 2 and len(err.getvalue().strip().splitlines()) == 1 and 'checkpoint' in err.getvalue()
