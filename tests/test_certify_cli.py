"`ssd-nb certify` and `ssd-nb sae` on the tiny preset: the certificate matches the records, runs resume, bad input is one line."
import json, os, subprocess, sys
import pytest
import torch

def run(*args, env=None):
    return subprocess.run([sys.executable, '-m', 'ssd_nb.cli', *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})

def test_certify_tiny_matches_records_and_resumes(tmp_path):
    out = tmp_path / 'run'
    r = run('certify', '--model', 'tiny', '--n-tokens', '300', '--seq-len', '64', '--device', 'cpu', '--out', str(out), '--json')
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout); c = d['certificate']
    assert c['n_tokens'] == 300 and c['vocab_size'] == 257
    assert c['total'] == pytest.approx(c['emp_risk'] + c['eps_loss'] + c['hoeffding'] + c['complexity'] + c['srm_tail'])
    from ssd_nb.ssd.proxy import load_records
    rec = load_records(out)
    lp, lm = rec['loss_real'].flatten()[:300].double(), rec['loss_model'].flatten()[:300].double()
    assert c['emp_risk'] == pytest.approx(lp.mean().item())
    assert c['eps_loss'] == pytest.approx((lm - lp).abs().mean().item())
    assert c['k'] == rec['l0'].flatten()[:300].max().item()
    assert json.loads((out / 'certificate.json').read_text())['certificate'] == c
    (out / 'chunk_00000.pt').unlink()                      # interrupted run: resume gives the same certificate
    r2 = run('certify', '--model', 'tiny', '--n-tokens', '300', '--seq-len', '64', '--device', 'cpu', '--out', str(out), '--json')
    assert r2.returncode == 0 and json.loads(r2.stdout)['certificate'] == c

def test_k_rule_mean_is_smaller_bound_than_max(tmp_path):
    args = ['certify', '--model', 'tiny', '--n-tokens', '200', '--seq-len', '64', '--device', 'cpu', '--corpus', 'random',
            '--out', str(tmp_path / 'r'), '--json']
    mx = json.loads(run(*args).stdout)['certificate']
    mean = json.loads(run(*args, '--k-rule', 'mean').stdout)['certificate']
    assert mean['k'] <= mx['k'] and mean['complexity'] <= mx['complexity']

BAD = [
    (['--seq-len', '500'], {}, '--seq-len'),
    (['--n-tokens', '0'], {}, '--n-tokens'),
    (['--alpha', '2'], {}, '--alpha'),
    (['--model', 'llama'], {}, '--model'),
    (['--corpus', 'poetry'], {}, '--corpus'),
    (['--device', 'gpu0'], {}, '--device'),
    (['--sae', '/nonexistent/sae'], {}, '--sae'),
    (['--n-tokens', '5000000'], {}, 'gives only'),
    (['--model', 'gpt2-small'], {'HF_HUB_OFFLINE': '1'}, 'needs the Hugging Face hub'),
    ([], {'SSD_NB_CACHE': '/proc/not-writable'}, 'not writable'),
]

@pytest.mark.parametrize('extra,env,needle', BAD)
def test_certify_bad_input_is_one_line(extra, env, needle, tmp_path):
    r = run('certify', '--model', 'tiny', '--device', 'cpu', '--n-tokens', '100', '--out', str(tmp_path / 'x'), *extra, env=env)
    assert r.returncode == 2, r.stderr
    errors = [l for l in r.stderr.splitlines() if 'error:' in l]
    assert len(errors) == 1 and needle in errors[0], r.stderr
    assert 'Traceback' not in r.stderr

def test_run_folder_of_another_configuration_is_refused(tmp_path):
    base = ['certify', '--model', 'tiny', '--device', 'cpu', '--n-tokens', '100', '--seq-len', '64', '--out', str(tmp_path / 'r')]
    assert run(*base).returncode == 0
    r = run(*base, '--alpha', '0.25')
    assert r.returncode == 2 and 'holds records of another configuration' in r.stderr

def test_sae_train_tiny_rebuilds_with_its_recipe_and_reports_the_curve():
    r = run('sae', 'train', '--model', 'tiny', '--device', 'cpu', '--json')
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d['recipe']['arch'] == 'batchtopk' and d['final']['step'] * d['recipe']['batch_size'] == d['recipe']['total_samples']
    assert d['final']['l0'] == d['recipe']['sparsity'] and 0.5 < d['final']['explained_variance'] <= 1.0   # the last training batch
    from pathlib import Path
    from ssd_nb.lm.sae import load_sae_folder          # registers the capped architecture with SAELens, checks the manifest
    s = load_sae_folder(Path(d['folder']), 'cpu', 'rebuilt SAE')
    assert (s.cfg.d_in, s.cfg.d_sae) == (128, 512) and s.cfg.metadata.hook_name == 'blocks.1.hook_resid_pre'

def test_sae_train_rejects_hub_preset():
    r = run('sae', 'train', '--model', 'gpt2-small')
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and '--model' in r.stderr

def test_sae_eval_tiny_reports_consistent_numbers():
    r = run('sae', 'eval', '--model', 'tiny', '--n-tokens', '300', '--seq-len', '64', '--device', 'cpu', '--json')
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)['report']
    assert rep['l0_max'] > rep['l0_mean'] > 1 and rep['n_tokens'] >= 300
    assert rep['ce_increase'] == pytest.approx(rep['ce_sae'] - rep['ce_model'], abs=1e-5)
    assert 0 <= rep['dead_never'] <= 1 and 0 < rep['explained_variance'] < 1 and rep['l0_max'] <= rep['k_cap']

def test_shipped_sae_is_its_recipe_with_the_firing_floor():
    "The shipped Gemma SAE carries the recipe it claims: manifest recipe key, the floor record, and thresholds that show it."
    from ssd_nb.lm.sae import OFFLINE_SAE_RECIPES, shipped_sae_dir, load_sae_folder
    from ssd_nb.base.cache import read_json_verified
    f, r = shipped_sae_dir('gemma-3-270m'), OFFLINE_SAE_RECIPES['gemma-3-270m']
    assert json.loads((f / 'manifest.json').read_text())['recipe'] == r.key()
    rec = read_json_verified(f / 'training.json', 'SAE training record', '')
    fl = rec['floor']
    assert rec['recipe']['min_freq'] == r.min_freq == fl['min_freq'] and fl['tokens'] == r.floor_tokens
    th = load_sae_folder(f).threshold
    common = torch.tensor(rec['threshold']).half().float()           # the common threshold, as stored in float16
    assert int((th < common).sum()) == fl['lowered'] and (th <= common).all() and (th >= 0).all()
