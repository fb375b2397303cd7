"""Fuzzing the inputs (hypothesis): the command line and the public functions never end in a traceback, never print a
non-finite number as JSON, never exit 0 on invalid input; every error is one line."""
import contextlib, io, json, math, os
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck
from ssd_nb.base.checks import BadInput

SEEN = {'cli_invalid': 0, 'cli_invalid_clean': 0, 'api_invalid': 0, 'api_invalid_clean': 0}

def run(argv):
    "Run `ssd-nb ARGV` in-process: (exit code, stdout, stderr)."
    from ssd_nb.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try: rc = main(argv)
        except SystemExit as e: rc = e.code if isinstance(e.code, int) else 2
    return rc, out.getvalue(), err.getvalue()

def one_clean_line(rc, err):
    return rc != 0 and len(err.strip().splitlines()) == 1 and 'Traceback' not in err

NUMBERS = st.one_of(st.integers(-10**30, 10**30).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                    st.sampled_from(['', 'abc', '1e308', '-1e308', '1e-320', '1e999', 'nan', 'inf', '-inf', '0x10', '1_000',
                                     '12345678901234567', '1.2345678901234567e16', ' 3 ', '2.5', '0', '-0', '1e6']))
BOUND = {'--vocab': '50257', '--alpha': '0.5', '--n-tokens': '1000000', '--k': '100', '--m': '100000', '--delta': '0.05'}

def _finite_json(x):
    if isinstance(x, float): return math.isfinite(x)
    if isinstance(x, dict): return all(_finite_json(v) for v in x.values())
    if isinstance(x, list): return all(_finite_json(v) for v in x)
    return True

@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flag=st.sampled_from(list(BOUND) + ['--emp-risk', '--eps-loss']), value=NUMBERS)
def test_bound_cli_any_value(flag, value):
    args = dict(BOUND); args[flag] = value
    rc, out, err = run(['bound', *[x for kv in args.items() for x in kv], '--json'])
    if rc == 0:
        d = json.loads(out)                                   # valid JSON (no bare Infinity/NaN)
        assert _finite_json(d) and d['non_vacuous'] == (d['total'] < d['random_guess'])
    else:
        SEEN['cli_invalid'] += 1
        assert one_clean_line(rc, err), err
        SEEN['cli_invalid_clean'] += 1

GROK_FLAGS = {'--p': 'int', '--frac': 'float', '--epochs': 'int', '--lr': 'float', '--eval-every': 'int', '--threshold': 'float',
              '--stay': 'int', '--d-model': 'int', '--n-heads': 'int', '--d-mlp': 'int', '--beta2': 'float', '--clip': 'float',
              '--warmup': 'int', '--lam': 'float', '--wd': 'float', '--norm-match': 'float', '--kl-start': 'int'}
BAD = st.sampled_from(['-1', '0', '1e308', 'nan', 'inf', 'abc', '', '1e999', '-1e308', '2.5', '1e30'])

@settings(max_examples=250, deadline=None)
@given(flag=st.sampled_from(list(GROK_FLAGS)), value=BAD)
def test_grok_run_rejects_or_runs_briefly(flag, value, tmp_path_factory):
    "Any single odd value either is rejected in one line before training or gives a short valid run (epochs capped at 2)."
    out_dir = tmp_path_factory.mktemp('g')
    argv = ['grok', 'run', '--p', '7', '--epochs', '2', '--eval-every', '1', '--seeds', '0', flag, value, '--out', str(out_dir / 'r.json')]
    if flag == '--epochs' and value not in ('-1', '0', 'nan', 'inf', 'abc', '', '1e999', '-1e308', '2.5', '1e308', '1e30'): return
    rc, out, err = run(argv)
    if rc == 0: assert _finite_json(json.loads(out.strip().splitlines()[-1]))
    else:
        SEEN['cli_invalid'] += 1; assert one_clean_line(rc, err), err; SEEN['cli_invalid_clean'] += 1

@pytest.mark.parametrize('argv,needle', [
    (['grok', 'run', '--task', 'sparse_parity', '--p', '24'], '--p does not apply to task sparse_parity'),
    (['grok', 'run', '--checkpoint', 'x.pt', '--out', 'x.pt'], 'is also an input'),
    (['grok', 'run', '--out', '/proc/no/such/dir/r.json'], 'cannot write there'),
    (['grok', 'run', '--out', '.'], 'must be a file path'),
    (['grok', 'figures', '--checkpoint-dir', 'settings.ini'], 'must be a folder'),
    (['grok', 'run', '--lr', '1e308'], 'must be a number in (0, 1]'),
    (['grok', 'run', '--seeds', '1e30'], 'must be an integer in [0, 2147483647]'),
    (['grok', 'run', '--d-model', '64', '--n-heads', '3'], 'n_heads must divide d_model'),
    (['certify', '--device', 'cuda:7'], 'no CUDA device' if not __import__('torch').cuda.is_available() else 'CUDA device'),
    (['certify', '--out', 'settings.ini'], 'must be a folder'),
    (['monitor', '--text', ''], 'the text is empty'),
    (['monitor', '--file', '/no/such/file.txt'], 'no such file'),
    (['figures', '--model', 'no-such-model'], 'invalid choice'),
    (['sae', 'train', '--acts', '/no/such.pt', '--arch', 'topk', '--sparsity', '4'], 'no such file'),
    (['sae', 'train', '--arch', 'topk', '--sparsity', '4', '--l2', '0.1'], '--l2 applies to aen'),
    (['sae', 'eval', '--sae', '/no/such/folder', '--acts', '/no/such.pt'], 'no such'),
])
def test_known_bad_inputs_are_one_line(argv, needle, tmp_path, monkeypatch):
    monkeypatch.chdir(os.path.dirname(os.path.dirname(__file__)))
    rc, out, err = run(argv)
    SEEN['cli_invalid'] += 1
    assert one_clean_line(rc, err) and needle in err, err
    SEEN['cli_invalid_clean'] += 1

ANY = st.one_of(st.none(), st.booleans(), st.integers(-10**400, 10**400), st.floats(allow_nan=True, allow_infinity=True),
                st.text(max_size=5), st.lists(st.integers(), max_size=2), st.complex_numbers())

@settings(max_examples=500, deadline=None)
@given(V=ANY, alpha=ANY, n=ANY, k=ANY, m=ANY, delta=ANY)
def test_bound_api_any_input(V, alpha, n, k, m, delta):
    from ssd_nb.ssd.bound import sparse_semantic_bound, min_n_non_vacuous, test_set_bound
    try: c = sparse_semantic_bound(V, alpha, n, k, m, delta)
    except BadInput as e:
        SEEN['api_invalid'] += 1; assert '\n' not in str(e); SEEN['api_invalid_clean'] += 1; return
    assert math.isfinite(c.total) and c.total >= c.complexity > 0 and json.loads(c.to_json())

@settings(max_examples=300, deadline=None)
@given(ks=st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=6), rule=st.sampled_from(['max', 'mean', 'q99', 'q999', 'median']))
def test_effective_k_any_input(ks, rule):
    from ssd_nb.ssd.bound import effective_k
    try: k = effective_k(ks, rule)
    except BadInput as e:
        SEEN['api_invalid'] += 1; assert '\n' not in str(e); SEEN['api_invalid_clean'] += 1; return
    assert k >= 1 and math.isfinite(k) and all(math.isfinite(x) and x >= 0 for x in ks)

@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(['mod_add', 'mod_mul', 'k_add', 'sparse_parity', 'perm_comp', 'op_div', 'op_add', 'nope']),
       p=ANY, k=st.one_of(ANY, st.integers(0, 8)), n_bits=st.one_of(ANY, st.integers(0, 18)), degree=st.one_of(ANY, st.integers(0, 7)),
       layout=st.sampled_from(['none', 'operand-fixed', 'separate-few', 'sideways']))
def test_task_builder_any_input(name, p, k, n_bits, degree, layout):
    from ssd_nb.grok.tasks import make_task, label_depends_only_on_informative
    if isinstance(p, int) and 2 <= p <= 1000 and name in ('k_add',) and isinstance(k, int) and k > 3: return   # p**k examples: slow, not odd
    try: t = make_task(name, p=p if p is not None else 7, k=k if k is not None else 3, n_bits=n_bits if n_bits is not None else 4,
                       degree=degree if degree is not None else 3, layout=layout, max_examples=500)
    except BadInput as e:
        SEEN['api_invalid'] += 1; assert '\n' not in str(e); SEEN['api_invalid_clean'] += 1; return
    assert len(t) > 0 and label_depends_only_on_informative(t)

@settings(max_examples=400, deadline=None)
@given(x=ANY, lo=st.one_of(st.none(), st.floats(-10, 10)), hi=st.one_of(st.none(), st.floats(10, 20)), integer=st.booleans())
def test_check_number_any_input(x, lo, hi, integer):
    from ssd_nb.base.checks import check_number
    try: v = check_number('x', x, lo, hi, integer=integer)
    except BadInput as e:
        SEEN['api_invalid'] += 1; assert '\n' not in str(e); SEEN['api_invalid_clean'] += 1; return
    assert math.isfinite(v) if isinstance(v, float) else True
    assert (lo is None or v >= lo) and (hi is None or v <= hi) and (not integer or isinstance(v, int))

def test_zz_report_counts():
    "Prints how many invalid inputs the suite tried and how many ended in one clean line (run with -s to see it)."
    print('\nfuzz summary:', json.dumps(SEEN))
    assert SEEN['cli_invalid'] == SEEN['cli_invalid_clean'] and SEEN['api_invalid'] == SEEN['api_invalid_clean']
