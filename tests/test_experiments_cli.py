"`ssd-nb experiment`, `ssd-nb figures` and `ssd-nb monitor` on the tiny preset, in temporary runs/ and figures/ folders."
import json, os, subprocess, sys
import pytest

@pytest.fixture(scope='module')
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp('exp')
    return {**os.environ, 'SSD_NB_RUNS': str(d / 'runs'), 'SSD_NB_FIGURES': str(d / 'figures')}

def run(env, *args):
    return subprocess.run([sys.executable, '-m', 'ssd_nb.cli', *args], capture_output=True, text=True, env=env)

def test_experiments_write_figures_and_json(env):
    for name in ['bound-vs-n', 'ablate-shuffle', 'ood']:
        r = run(env, 'experiment', name, '--model', 'tiny', '--n-tokens', '300', '--n-boot', '3', '--device', 'cpu')
        assert r.returncode == 0, r.stderr
    figs = env['SSD_NB_FIGURES']
    for stem in ['exp1_bound_vs_n_tiny', 'ablation_a_tiny', 'ablation_b_tiny', 'exp2_ood_tiny']:
        assert os.path.getsize(f'{figs}/{stem}.png') > 10_000
        json.load(open(f'{figs}/{stem}.json'))
    b = json.load(open(f'{figs}/ablation_b_tiny.json'))
    assert b['mean_shuffled'] > b['mean_real']
    a = json.load(open(f'{figs}/ablation_a_tiny.json'))
    assert a['plateau_random'] > a['plateau_real']
    o = json.load(open(f'{figs}/exp2_ood_tiny.json'))
    assert o['pairs']['random']['token']['roc']['auroc'] > 0.5

def test_figures_redraws_from_records_without_a_model(env):
    figs = env['SSD_NB_FIGURES']
    before = json.load(open(f'{figs}/exp2_ood_tiny.json'))
    os.remove(f'{figs}/exp2_ood_tiny.png')
    r = run({**env, 'SSD_NB_CACHE': '/proc/no-model-cache-needed'}, 'figures', '--model', 'tiny')
    assert r.returncode == 0, r.stderr
    assert os.path.exists(f'{figs}/exp2_ood_tiny.png')
    assert json.load(open(f'{figs}/exp2_ood_tiny.json'))['table'] == before['table']

def test_figures_says_what_is_missing(env):
    r = run(env, 'figures', '--model', 'gemma-2b')
    assert r.returncode == 0 and 'ssd-nb experiment bound-vs-n --model gemma-2b' in r.stderr

def test_monitor_json_and_bad_input(env, tmp_path):
    r = run(env, 'monitor', '--model', 'tiny', '--device', 'cpu', '--calib-tokens', '1000', '--json',
            '--text', 'The Secretary of the Treasury reported on the state of the public debt.')
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert len(d['k']) == len(d['tokens']) == len(d['flagged']) and d['ood'] == (d['mean_k'] > d['sequence_threshold'])
    for extra, needle in [(['--text', '   '], 'text is empty'), (['--file', str(tmp_path / 'missing.txt')], '--file'),
                          (['--text', 'x', '--fpr', '0'], '--fpr'), ([], 'one of the arguments --text --file is required')]:
        r = run(env, 'monitor', '--model', 'tiny', '--device', 'cpu', '--calib-tokens', '1000', *extra)
        errors = [l for l in r.stderr.splitlines() if 'error:' in l]
        assert r.returncode == 2 and len(errors) == 1 and needle in errors[0], r.stderr

def test_experiment_bad_name_is_one_line(env):
    r = run(env, 'experiment', 'bound-vs-k', '--model', 'tiny')
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and 'invalid choice' in r.stderr
