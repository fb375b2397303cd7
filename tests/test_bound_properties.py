"Property tests of Theorem 1's terms (hypothesis): monotonicity in N, k, m, δ and the bound never below the risk."
import math
from hypothesis import given, settings, strategies as st, assume
from ssd_nb.ssd.bound import (sparse_semantic_bound, complexity_term, srm_tail, hoeffding_term, ssd, smoothing_bound,
                          n_star, min_n_non_vacuous)

V = st.integers(2, 10**6)
ALPHA = st.floats(0.01, 0.99)
N = st.integers(1, 10**12)
M = st.integers(1, 10**6)
DELTA = st.floats(1e-9, 0.999)

@st.composite
def km(draw):
    m = draw(M); k = draw(st.floats(1, m)) if m > 1 else 1.0
    return k, m

@settings(max_examples=200, deadline=None)
@given(V, ALPHA, N, N, km(), DELTA)
def test_every_term_decreases_in_n(v, a, n1, n2, kmv, d):
    k, m = kmv; lo, hi = sorted((n1, n2)); B = smoothing_bound(v, a)
    assert complexity_term(B, k, m, hi) <= complexity_term(B, k, m, lo)
    assert srm_tail(B, k, hi, d) <= srm_tail(B, k, lo, d)
    assert hoeffding_term(B, hi, d) <= hoeffding_term(B, lo, d)

@settings(max_examples=200, deadline=None)
@given(V, ALPHA, N, M, DELTA, st.floats(0, 1), st.floats(0, 1))
def test_terms_increase_in_k(v, a, n, m, d, u1, u2):
    k1, k2 = sorted((1 + u1 * (m - 1), 1 + u2 * (m - 1))); B = smoothing_bound(v, a)
    # SSD = k ln(em/k) has derivative ln(m/k) >= 0 for k <= m, so it grows with k on [1, m]
    assert ssd(k1, m) <= ssd(k2, m) + 1e-9
    assert complexity_term(B, k1, m, n) <= complexity_term(B, k2, m, n) + 1e-12
    assert srm_tail(B, k1, n, d) <= srm_tail(B, k2, n, d) + 1e-12

@settings(max_examples=200, deadline=None)
@given(V, ALPHA, N, st.floats(1, 1000), st.integers(1000, 10**6), st.integers(1000, 10**6))
def test_complexity_increases_in_m(v, a, n, k, m1, m2):
    lo, hi = sorted((m1, m2)); B = smoothing_bound(v, a)
    assert complexity_term(B, k, lo, n) <= complexity_term(B, k, hi, n)

@settings(max_examples=200, deadline=None)
@given(V, ALPHA, N, km(), DELTA, DELTA)
def test_tails_decrease_in_delta(v, a, n, kmv, d1, d2):
    k, m = kmv; lo, hi = sorted((d1, d2)); B = smoothing_bound(v, a)
    assert srm_tail(B, k, n, hi) <= srm_tail(B, k, n, lo)
    assert hoeffding_term(B, n, hi) <= hoeffding_term(B, n, lo)

@settings(max_examples=300, deadline=None)
@given(V, ALPHA, N, km(), DELTA, st.floats(0, 1), st.floats(0, 1), st.sampled_from(['union', 'paper']))
def test_bound_never_below_empirical_risk(v, a, n, kmv, d, r, e, split):
    k, m = kmv; B = smoothing_bound(v, a)
    c = sparse_semantic_bound(v, a, n, k, m, d, emp_risk=r * B, eps_loss=e * B, delta_split=split)
    assert c.total >= c.emp_risk and c.total >= c.emp_risk + c.eps_loss
    assert c.non_vacuous == (c.total < c.random_guess)

@settings(max_examples=200, deadline=None)
@given(V, ALPHA, km(), DELTA, st.floats(0, 0.9), st.floats(0, 0.05))
def test_min_n_is_exact(v, a, kmv, d, r, e):
    k, m = kmv; rg = math.log2(v)
    R, E = r * rg, e * rg
    n0 = min_n_non_vacuous(v, a, k, m, d, R, E)
    assume(math.isfinite(n0) and n0 < 10**15)
    assert sparse_semantic_bound(v, a, n0, k, m, d, R, E).non_vacuous
    if n0 > 1: assert not sparse_semantic_bound(v, a, n0 - 1, k, m, d, R, E).non_vacuous
