"Behaviour of `ssd-nb grok`: short real runs, resume, and one-line errors (exit 2, naming the flag) for bad input."
import json, os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, 'PYTHONPATH': str(ROOT), 'OMP_NUM_THREADS': '1'}
SMALL = ['--task', 'mod_add', '--p', '13', '--frac', '0.6', '--epochs', '120', '--eval-every', '20', '--lr', '0.003']

def grok(*args):
    return subprocess.run([sys.executable, '-m', 'ssd_nb.cli', 'grok', *args], capture_output=True, text=True, cwd=ROOT, env=ENV)

def test_help_documents_every_setting():
    h = grok('run', '--help').stdout
    for flag in ['--task', '--seeds', '--lam', '--prior', '--epochs', '--device', '--p', '--frac', '--lr', '--wd',
                 '--norm-match', '--kl-start', '--kl-anneal', '--checkpoint', '--preset']: assert flag in h
    for cmd in ['run', 'sweep', 'figures', 'bench']: assert cmd in grok('--help').stdout

def test_run_oracle_prior_lowers_kl(tmp_path):
    base = grok('run', *SMALL, '--seeds', '0')
    kl = grok('run', *SMALL, '--seeds', '0', '--prior', 'oracle', '--lam', '1', '--out', str(tmp_path / 'o.json'))
    assert base.returncode == 0 and kl.returncode == 0, base.stderr + kl.stderr
    b, k = json.loads(base.stdout), json.loads(kl.stdout)
    assert k['final_kl'][0] < 0.1 * b['final_kl'][0]
    assert k['structural_epoch'][0] is not None
    logs = json.loads((tmp_path / 'o.json').read_text())['logs'][0]
    assert len(logs['train_loss']) == 120 and logs['eval_epochs'][-1] == 119

def test_resume_gives_same_numbers(tmp_path):
    ck = str(tmp_path / 'ck.pt')
    full = json.loads(grok('run', *SMALL, '--seeds', '1').stdout)
    first = grok('run', *SMALL, '--seeds', '1', '--checkpoint', ck, '--checkpoint-every', '40')
    assert first.returncode == 0 and os.path.exists(ck)
    again = json.loads(grok('run', *SMALL, '--seeds', '1', '--checkpoint', ck).stdout)  # resumes at the end: same numbers
    for key in ['final_test_acc', 'final_kl', 'final_mlp_norm', 'grokking_epoch']: assert again[key] == full[key]

BAD = [
    (['run', '--task', 'mod_pow'], '--task'),
    (['run', '--task', 'mod_add', '--p', '24'], '--p'),
    (['run', '--task', 'mod_mul', '--p', '1'], '--p'),
    (['run', '--frac', '1'], '--frac'), (['run', '--frac', '0'], '--frac'), (['run', '--frac', 'x'], '--frac'),
    (['run', '--lam', '-0.5', '--prior', 'oracle'], '--lam'),
    (['run', '--epochs', '0'], '--epochs'), (['run', '--epochs', '2.5'], '--epochs'),
    (['run', '--prior', 'gauss'], '--prior'), (['run', '--device', 'tpu'], '--device'),
    (['run', '--lam', '1'], '--lam'),
    (['sweep', '--lams', '0'], '--lams'), (['bench', '--p', '12'], '--p'),
    (['figures', '--only', 'everything'], '--only'),
]

@pytest.mark.parametrize('args,flag', BAD)
def test_bad_input_is_one_line(args, flag):
    r = grok(*args)
    assert r.returncode == 2 and r.stdout == ''
    assert r.stderr.count('\n') == 1 and flag in r.stderr, r.stderr

def test_checkpoint_from_other_configuration_is_refused(tmp_path):
    ck = tmp_path / 'ck.pt'
    assert grok('run', *SMALL, '--seeds', '0', '--checkpoint', str(ck)).returncode == 0
    before = ck.read_bytes()
    out = tmp_path / 'out.json'
    r = grok('run', *SMALL, '--seeds', '0', '--prior', 'oracle', '--lam', '0.5', '--checkpoint', str(ck), '--out', str(out))
    assert r.returncode == 2 and r.stderr.count('\n') == 1 and '--checkpoint' in r.stderr and 'another configuration' in r.stderr
    assert ck.read_bytes() == before and not out.exists()  # nothing half-written

def test_figures_writes_every_group(tmp_path):
    env = {**ENV, 'SSD_NB_FIGURES': str(tmp_path)}
    r = subprocess.run([sys.executable, '-m', 'ssd_nb.cli', 'grok', 'figures', '--preset', 'cpu', '--epochs', '30', '--seeds', '0'],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    names = ['grok_layouts_cpu', 'grok_control', 'grok_four_phase', 'grok_explaining_away', 'grok_factorial', 'grok_kl_acceleration',
             'grok_lr_sensitivity', 'grok_priors', 'grok_tickets', 'grok_task_grid', 'grok_data_fraction']
    for n in names:
        assert (tmp_path / f'{n}.png').stat().st_size > 1000
        d = json.loads((tmp_path / f'{n}.json').read_text())
        assert d['preset'] == 'cpu'
        if n in ('grok_layouts_cpu', 'grok_control', 'grok_four_phase', 'grok_kl_acceleration'):
            assert d['machine']['device'] == 'cpu' and d['machine']['cpus'] >= 1     # labelled with the machine that made it
    from ssd_nb.grok.cli import FIGURES
    assert len(r.stdout.strip().splitlines()) == len(FIGURES) == 10

def test_figures_checkpoint_dir_resumes(tmp_path):
    env = {**ENV, 'SSD_NB_FIGURES': str(tmp_path / 'fig')}
    cmd = [sys.executable, '-m', 'ssd_nb.cli', 'grok', 'figures', '--only', 'four_phase', '--epochs', '40', '--seeds', '0',
           '--checkpoint-dir', str(tmp_path / 'ck')]
    a = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    assert a.returncode == 0, a.stderr
    assert (tmp_path / 'ck' / 'grok_four_phase_cpu.pt').exists()
    first = json.loads((tmp_path / 'fig' / 'grok_four_phase.json').read_text())
    b = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)  # resumes from the finished checkpoint
    assert b.returncode == 0, b.stderr
    again = json.loads((tmp_path / 'fig' / 'grok_four_phase.json').read_text())
    assert again['logs'] == first['logs'] and again['phases'] == first['phases']
    c = subprocess.run(cmd[:-4] + ['--seeds', '1', '--checkpoint-dir', str(tmp_path / 'ck')], capture_output=True, text=True, cwd=ROOT, env=env)
    assert c.returncode == 2 and c.stderr.count('\n') == 1 and '--checkpoint-dir' in c.stderr

def test_acceleration_early_stop_ends_when_every_member_has_grokked(tmp_path, monkeypatch):
    monkeypatch.setenv('SSD_NB_FIGURES', str(tmp_path))
    from ssd_nb.grok.acceleration import acceleration_figure
    d = acceleration_figure('cpu', progress=False, early_stop=True, seeds=[0], epochs=1500, layout='none', lams=(1.0, 3.0))
    assert d['stopped_early'] and d['epochs_run'] < 1500
    ge = [e for row in d['summary']['rows'] for e in row['grokking_epochs']]
    assert all(e is not None and e + d['config']['stay'] <= d['epochs_run'] for e in ge)   # stopped only after every member stayed
    assert list(d['threshold_sensitivity']) == ['0.9', '0.95']     # 0.99 cannot be judged from a run stopped at 0.95
    assert json.loads((tmp_path / 'grok_kl_acceleration.json').read_text())['epochs_run'] == d['epochs_run']

def test_run_with_varying_operand_positions(tmp_path):
    out = tmp_path / 'v.json'
    r = grok('run', *SMALL, '--seeds', '0', '--layout', 'separate-few-varying', '--prior', 'oracle', '--lam', '1', '--out', str(out))
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d['layout'] == 'separate-few-varying' and d['final_kl'][0] < 0.2
