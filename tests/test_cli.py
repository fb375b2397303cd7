"Behaviour of the `ssd-nb` command line: JSON keys, arithmetic, and one-line errors for bad input."
import json, math, subprocess, sys
import pytest

BASE = ['--vocab', '50257', '--alpha', '0.5', '--n-tokens', '1000000', '--k', '100', '--m', '100000', '--delta', '0.05']

def run(*args):
    return subprocess.run([sys.executable, '-m', 'ssd_nb.cli', *args], capture_output=True, text=True)

def test_module_entry_point_matches_console_script():
    a = run('bound', *BASE, '--json'); b = subprocess.run(['ssd-nb', 'bound', *BASE, '--json'], capture_output=True, text=True)
    assert a.returncode == b.returncode == 0 and json.loads(a.stdout) == json.loads(b.stdout)

def test_json_keys_and_total():
    r = run('bound', *BASE, '--emp-risk', '5', '--eps-loss', '0.3', '--json')
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ['B', 'ssd', 'complexity', 'srm_tail', 'hoeffding', 'total', 'random_guess', 'non_vacuous']: assert key in d
    assert d['total'] == pytest.approx(d['emp_risk'] + d['eps_loss'] + d['hoeffding'] + d['complexity'] + d['srm_tail'])
    assert d['B'] == pytest.approx(math.log2(50257 / 0.5))
    assert d['random_guess'] == pytest.approx(math.log2(50257))
    assert d['hoeffding'] == pytest.approx(d['B'] * math.sqrt(math.log(1 / 0.025) / 2e6))  # union split: δ/2
    assert d['non_vacuous'] is (d['total'] < d['random_guess'])

def test_missing_risk_and_gap_count_as_zero():
    d = json.loads(run('bound', *BASE, '--json').stdout)
    assert d['emp_risk'] == 0 and d['eps_loss'] == 0 and d['hoeffding'] == 0
    assert round(d['complexity'], 2) == 1.87 and round(d['srm_tail'], 2) == 0.04

def test_paper_split_uses_full_delta():
    d = json.loads(run('bound', *BASE, '--eps-loss', '0.1', '--delta-split', 'paper', '--json').stdout)
    assert d['hoeffding'] == pytest.approx(d['B'] * math.sqrt(math.log(1 / 0.05) / 2e6))

def test_table_output_is_readable():
    r = run('bound', *BASE, '--emp-risk', '13')
    assert r.returncode == 0 and 'non-vacuous (total < log2 V): yes' in r.stdout

BAD = [
    (['--alpha', '0'], '--alpha'), (['--alpha', '1'], '--alpha'), (['--alpha', 'nan'], '--alpha'),
    (['--delta', '1.2'], '--delta'), (['--delta', '0'], '--delta'), (['--k', '0.5'], '--k'),
    (['--k', '200000'], '--k'), (['--n-tokens', '0'], '--n-tokens'), (['--n-tokens', '2.5'], '--n-tokens'),
    (['--vocab', '1'], '--vocab'), (['--vocab', 'ten'], '--vocab'), (['--m', 'inf'], '--m'),
    (['--emp-risk', '-1'], '--emp-risk'), (['--eps-loss', 'inf'], '--eps-loss'), (['--emp-risk', '99'], '--emp-risk'),
]

@pytest.mark.parametrize('override,flag', BAD)
def test_bad_input_is_one_line_naming_the_flag(override, flag):
    args = list(BASE)
    i = args.index(override[0]) if override[0] in args else None
    if i is None: args += override
    else: args[i + 1] = override[1]
    r = run('bound', *args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert flag in lines[0] and 'Traceback' not in r.stderr

def test_missing_required_flag_is_one_line():
    r = run('bound', '--vocab', '10')
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and '--alpha' in r.stderr

def test_help_documents_every_flag():
    r = run('bound', '--help')
    for flag in ['--vocab', '--alpha', '--n-tokens', '--k', '--m', '--delta', '--emp-risk', '--eps-loss', '--json', '--delta-split']:
        assert flag in r.stdout
