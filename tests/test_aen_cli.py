"`ssd-nb sae train --arch ...` / `ssd-nb sae eval` for AEN-SAE and the SAELens baselines: real metrics, round trips, one-line errors."
import json, os, subprocess, sys
import pytest
import torch

def run(*args, env=None):
    return subprocess.run([sys.executable, '-m', 'ssd_nb.cli', *args], capture_output=True, text=True,
                          env={**os.environ, 'OMP_NUM_THREADS': '1', **(env or {})})

SMALL = ['--n-samples', '30000', '--total-samples', '150000', '--lr', '3e-3', '--device', 'cpu', '--json']

def test_train_aen_synthetic_then_eval_roundtrip(tmp_path):
    out = tmp_path / 'aen'
    r = run('sae', 'train', '--arch', 'aen', '--sparsity', '0.3', '--warmup-steps', '30', '--out', str(out), *SMALL)  # per-input rule: λ1 ≈ cost per active latent
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout); m = d['metrics']
    assert d['d_sae'] == 48 and d['d_in'] == 64
    assert m['explained_variance'] > 0.8 and m['mcc'] > 0.8 and 0 <= m['dead_lt_1pct'] <= 1  # it learned the atoms
    from sae_lens import SAE
    import ssd_nb.aen.model
    s = SAE.load_from_disk(out)
    assert type(s).__name__ == 'AENSAE' and s.cfg.metadata.training_architecture_details['gamma'] == 1.0
    e = run('sae', 'eval', '--sae', str(out), '--n-eval', '20000', '--json')
    assert e.returncode == 0, e.stderr
    me = json.loads(e.stdout)['metrics']
    assert me['l0'] == pytest.approx(m['l0']) and me['support_jaccard'] == pytest.approx(m['support_jaccard'])

@pytest.mark.parametrize('arch,knob', [('topk', '3'), ('relu', '1'), ('aen-nol2', '0.5')])
def test_train_other_archs_synthetic(tmp_path, arch, knob):
    r = run('sae', 'train', '--arch', arch, '--sparsity', knob, '--out', str(tmp_path / arch), *SMALL)
    assert r.returncode == 0, r.stderr
    m = json.loads(r.stdout)['metrics']
    assert m['explained_variance'] > 0.5
    if arch == 'topk': assert 2 < m['l0'] <= 3  # at most k per input (TopK keeps k, ReLU may zero some)

def test_train_on_activation_file_and_eval_it(tmp_path):
    torch.manual_seed(0)
    acts = torch.relu(torch.randn(3000, 40)) @ torch.randn(40, 16)
    f = tmp_path / 'acts.pt'; torch.save(acts, f)
    r = run('sae', 'train', '--arch', 'aen', '--sparsity', '1', '--acts', str(f), '--d-sae', '64', '--out', str(tmp_path / 's'),
            '--total-samples', '20000', '--device', 'cpu', '--json')
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)['metrics']['n_tokens'] == 300  # the held-out tenth
    e = run('sae', 'eval', '--sae', str(tmp_path / 's'), '--acts', str(f), '--json')
    assert e.returncode == 0, e.stderr
    q = json.loads(e.stdout)['metrics']
    assert q['n_tokens'] == 3000 and -1 < q['explained_variance'] <= 1 and 0 <= q['dead_lt_freq'] <= 1 and q['dead_freq'] == 0.01
    bad = tmp_path / 'bad.pt'; torch.save(torch.randn(100, 12), bad)
    e2 = run('sae', 'eval', '--sae', str(tmp_path / 's'), '--acts', str(bad))
    assert e2.returncode == 2 and "d_in=16 does not match the activations' d_in=12" in e2.stderr and len(e2.stderr.strip().splitlines()) == 1

def test_nan_batches_error_or_skipped_and_counted(tmp_path):
    torch.manual_seed(0)
    acts = torch.randn(4000, 16); acts[::50, 3] = float('nan')
    f = tmp_path / 'nan.pt'; torch.save(acts, f)
    base = ['sae', 'train', '--arch', 'relu', '--sparsity', '1', '--acts', str(f), '--d-sae', '32', '--total-samples', '8000',
            '--batch-size', '100', '--device', 'cpu', '--json']
    r = run(*base)
    assert r.returncode == 2 and 'acts contain NaN or inf' in r.stderr
    r = run(*base, '--nan-policy', 'skip', '--out', str(tmp_path / 's'))
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d['skipped_nonfinite_batches'] > 0 and 'skipped' in r.stderr
    from sae_lens import SAE
    s = SAE.load_from_disk(tmp_path / 's')
    assert all(torch.isfinite(p).all() for p in s.parameters())

@pytest.mark.parametrize('args,msg', [
    (['--arch', 'aen', '--sparsity', '-1'], '--sparsity'),
    (['--arch', 'aen', '--sparsity', '1', '--l2', '-0.1'], '--l2'),
    (['--arch', 'aen', '--sparsity', '1', '--gamma', '-1'], '--gamma'),
    (['--arch', 'aen', '--sparsity', '1', '--w-min', '3', '--w-max', '1'], 'w_min must be at most w_max'),
    (['--arch', 'softmax', '--sparsity', '1'], "invalid choice: 'softmax'"),
    (['--arch', 'aen'], '--sparsity is required'),
    (['--arch', 'topk', '--sparsity', '3', '--gamma', '1'], '--gamma applies to aen, aen-nol2, aen-noreweight only'),
    (['--arch', 'topk', '--sparsity', '100'], '--sparsity (k) must be at most --d-sae=48'),
    (['--arch', 'aen', '--sparsity', '1', '--acts', '/nonexistent.pt'], 'no such file'),
    (['--arch', 'aen', '--sparsity', '1', '--rho', '1'], '--rho'),
])
def test_bad_input_is_one_line(args, msg):
    r = run('sae', 'train', *args, '--device', 'cpu')
    assert r.returncode == 2 and msg in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

def test_acts_d_in_mismatch(tmp_path):
    f = tmp_path / 'a.pt'; torch.save(torch.randn(500, 20), f)
    r = run('sae', 'train', '--arch', 'aen', '--sparsity', '1', '--acts', str(f), '--d-in', '64')
    assert r.returncode == 2 and "--d-in 64 does not match the activations' d_in=20" in r.stderr
