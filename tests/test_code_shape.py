"Issue 9: small functions — no function body in the package over 50 lines (docments in the signature not counted)."
import ast, pathlib
import ssd_nb

PKG = pathlib.Path(ssd_nb.__file__).parent
LIMIT = 50

def _long_functions():
    out = []
    for p in sorted(PKG.rglob('*.py')):
        for n in ast.walk(ast.parse(p.read_text())):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = n.end_lineno - n.body[0].lineno + 1
                if body > LIMIT: out.append(f"{p.relative_to(PKG)}:{n.lineno} {n.name} ({body} lines)")
    return out

def test_no_long_functions():
    assert _long_functions() == []

def test_the_check_sees_long_functions(tmp_path, monkeypatch):
    f = tmp_path / 'm.py'
    f.write_text('def f():\n' + '    x = 1\n' * (LIMIT + 1))
    monkeypatch.setattr(__import__(__name__), 'PKG', tmp_path)
    assert len(_long_functions()) == 1
