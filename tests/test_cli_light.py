"The command line answers at once: --help and the Theorem 1 calculator import no torch, TransformerLens or SAELens."
import json, subprocess, sys
import pytest

HEAVY = ('torch', 'transformer_lens', 'sae_lens', 'transformers', 'datasets', 'sklearn')

def loaded_after(argv):
    "Run `ssd_nb.cli.main(argv)` in a fresh interpreter; return (exit code, heavy modules it imported)."
    code = (f"import sys\nfrom ssd_nb.cli import main\ntry: rc = main({argv!r})\nexcept SystemExit as e: rc = e.code\n"
            f"print('\\n' + json.dumps([rc, sorted(m for m in {HEAVY!r} if m in sys.modules)]))")
    r = subprocess.run([sys.executable, '-c', 'import json\n' + code], capture_output=True, text=True)
    rc, mods = json.loads(r.stdout.strip().splitlines()[-1])
    return rc, mods

HELPS = [['--help'], ['bound', '--help'], ['certify', '--help'], ['experiment', '--help'], ['figures', '--help'],
         ['monitor', '--help'], ['sae', '--help'], ['sae', 'train', '--help'], ['sae', 'eval', '--help'], ['aen', '--help'],
         ['aen', 'synthetic', '--help'], ['grok', '--help'], ['grok', 'run', '--help'], ['grok', 'figures', '--help']]

@pytest.mark.parametrize('argv', HELPS, ids=' '.join)
def test_help_imports_nothing_heavy(argv):
    rc, mods = loaded_after(argv)
    assert rc == 0 and mods == [], f"ssd-nb {' '.join(argv)} imported {mods}"

def test_bound_imports_nothing_heavy():
    rc, mods = loaded_after(['bound', '--vocab', '50257', '--alpha', '0.5', '--n-tokens', '1e6', '--k', '100', '--m', '100000', '--json'])
    assert rc == 0 and mods == []

def test_bad_input_before_any_heavy_import():
    rc, mods = loaded_after(['certify', '--alpha', '2'])
    assert rc == 2 and mods == []

def test_the_check_detects_a_heavy_import():
    "The helper would see torch if a command imported it (so the tests above can fail)."
    r = subprocess.run([sys.executable, '-c', 'import sys, torch; print("torch" in sys.modules)'], capture_output=True, text=True)
    assert r.stdout.strip() == 'True'
