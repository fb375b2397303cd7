"Artefacts written before the package was reorganised (flat modules, files without checksums) still load, and resume to the same result."
import json
from pathlib import Path
import torch
import pytest

FIX = Path(__file__).parent / 'fixtures' / 'legacy'

def test_legacy_grok_checkpoint_resumes_to_the_same_result(tmp_path):
    "A checkpoint written by ssd_nb.grok.train before the move (interrupted at epoch 20 of 40) resumes to the numbers of an uninterrupted run."
    from ssd_nb.grok.config import SweepConfig, Member, LEGACY_DEFAULTS
    from ssd_nb.grok.train import train_sweep
    from ssd_nb.base.checks import BadInput
    exp = json.loads((FIX / 'grok_mod_add_p7.expected.json').read_text())
    ck = tmp_path / 'ck.pt'; ck.write_bytes((FIX / 'grok_mod_add_p7.ckpt.pt').read_bytes())
    with pytest.raises(BadInput, match='another configuration'):   # today's default layout is not the one it was trained with
        train_sweep(SweepConfig(**exp['config']), [Member(seed=0)], checkpoint=str(ck), checkpoint_every=10, progress=False)
    cfg = SweepConfig(**{**exp['config'], 'layout': LEGACY_DEFAULTS['layout']})  # written before layouts existed: operand-fixed
    run = train_sweep(cfg, [Member(seed=0)], checkpoint=str(ck), checkpoint_every=10, progress=False)
    for k in ('final_test_acc', 'final_train_loss', 'final_mlp_norm'):
        assert run.final(k.replace('final_', '').replace('test_', '')) == pytest.approx(exp[k], rel=1e-5, abs=1e-6), k

def test_legacy_aen_sae_folder_loads_and_encodes_the_same():
    "An AEN-SAE saved by SAELens through the pre-move ssd_nb.sae.train_sae loads through the current loader with identical codes."
    from ssd_nb.lm.sae import load_sae_folder
    sae = load_sae_folder(FIX / 'aen_sae_d8')
    exp = torch.load(FIX / 'aen_sae_d8.expected.pt')
    assert type(sae).__name__ == 'AENSAE'
    torch.testing.assert_close(sae.encode(exp['x']), exp['codes'])

def test_legacy_run_records_load(tmp_path):
    "A run folder in the pre-checksum format (plain run.json, torch.save chunks) is read, with a warning."
    from ssd_nb.ssd.proxy import load_records
    out = tmp_path / 'run'; out.mkdir()
    cfg = {'hook_name': 'blocks.1.hook_resid_pre', 'alpha': 0.5, 'variants': ['real'], 'seed': 0, 'chunk_seqs': 2, 'n_seqs': 3,
           'seq_len': 6, 'tokens_sha': 'abc', 'model': 'tiny'}
    (out / 'run.json').write_text(json.dumps(cfg))
    g = torch.Generator().manual_seed(0)
    for i, n in enumerate((2, 1)):
        torch.save({'loss_model': torch.rand(n, 5, generator=g), 'loss_real': torch.rand(n, 5, generator=g),
                    'l0': torch.randint(0, 9, (n, 4), generator=g)}, out / f'chunk_{i:05d}.pt')
    rec = load_records(out)
    assert rec['loss_model'].shape == (3, 5) and rec['l0'].shape == (3, 4)
