"Properties of the exact elastic-net coding map (scikit-learn reference) and of the AEN-SAE architecture."
import math
import numpy as np
import pytest
import torch
from ssd_nb.aen.coding import exact_codes, kkt_violation, lipschitz_ratios, two_atom_lipschitz
from ssd_nb.aen.model import adaptive_weights, AENTrainingSAE, AENTrainingSAEConfig
from ssd_nb.lm.sae import training_config
from ssd_nb.base.checks import BadInput

@pytest.mark.parametrize('seed', [0, 1, 2])
@pytest.mark.parametrize('lam2', [0.05, 0.5])
def test_exact_map_is_lipschitz_with_constant_one_over_lambda2(seed, lam2):
    rng = np.random.default_rng(seed)
    D = rng.standard_normal((12, 30)); D /= np.linalg.norm(D, axis=0)
    r = lipschitz_ratios(D, 0.1, lam2, n_pairs=40, w=rng.uniform(0.5, 2, 30), seed=seed)
    assert r['ratio_corr'].max() <= (1 / lam2) * (1 + 1e-6)
    assert r['ratio_x'].max() <= 1 / (2 * np.sqrt(lam2)) * (1 + 1e-6)

def test_lasso_lipschitz_grows_without_bound_and_en_does_not():
    assert two_atom_lipschitz(0.999, 0.2, 0.0) > 10 * two_atom_lipschitz(0.0, 0.2, 0.0)
    assert two_atom_lipschitz(0.999, 0.2, 0.3) <= 1 / (2 * np.sqrt(0.3)) + 1e-6

def test_exact_codes_satisfy_kkt_and_are_nonnegative():
    rng = np.random.default_rng(3)
    D = rng.standard_normal((10, 25)); X = rng.standard_normal((20, 10)); w = rng.uniform(0.5, 2, 25)
    H = exact_codes(D, X, 0.3, 0.2, w)
    assert (H >= 0).all() and kkt_violation(D, X, H, 0.3, 0.2, w).max() < 1e-6

def test_adaptive_weights_scale_invariant_clamped_and_cold_start():
    h = torch.rand(50) * 3
    w = adaptive_weights(h, 1.0, 0.5, 2.0)
    assert torch.allclose(adaptive_weights(17 * h, 1.0, 0.5, 2.0), w, atol=1e-5)
    assert w.min() >= 0.5 and w.max() <= 2.0
    s = AENTrainingSAE(training_config('aen', 8, 50, 1.0, warmup_steps=10, weighting='ema'))  # the EMA rule's weights
    s.h_ema.copy_(h)
    assert torch.equal(s.weights_at(5), torch.ones(50))
    assert torch.allclose(s.weights_at(10 ** 6), w)
    assert torch.allclose(s.weights_at(15), 1 + 0.5 * (w - 1))

@pytest.mark.parametrize('kw,msg', [(dict(l1_coefficient=-1), 'lambda_1'), (dict(l2_coefficient=-1), 'lambda_2'),
                                    (dict(gamma=-0.5), 'gamma'), (dict(w_min=2.0, w_max=1.0), 'w_min must be at most w_max')])
def test_bad_hyperparameters(kw, msg):
    with pytest.raises(BadInput, match=msg): AENTrainingSAEConfig(d_in=4, d_sae=8, **kw)

def test_aen_penalties_and_ema():
    s = AENTrainingSAE(training_config('aen', 8, 16, 2.0, l2_coefficient=0.5, warmup_steps=0, weighting='ema'))
    from sae_lens.saes.sae import TrainStepInput
    x = torch.randn(32, 8)
    out = s.training_forward_pass(TrainStepInput(x, {'l1': 2.0}, None, 0, False))
    a = out.feature_acts * s.W_dec.norm(dim=1)
    w = adaptive_weights(a.detach().mean(0), 1.0, 0.5, 2.0)
    assert torch.allclose(out.losses['l1_loss'], 2.0 * (a * w).sum(-1).mean(), rtol=1e-5)
    assert torch.allclose(out.losses['l2_loss'], 0.25 * a.pow(2).sum(-1).mean(), rtol=1e-5)
    assert s.ema_updates.item() == 1

def test_relative_rule_penalty_reads_codes_against_their_running_mean():
    from sae_lens.saes.sae import TrainStepInput
    torch.manual_seed(0)
    s = AENTrainingSAE(training_config('aen', 8, 16, 2.0, weighting='per-input-relative', eps=3.0))
    x = torch.randn(32, 8)
    out = s.training_forward_pass(TrainStepInput(x, {'l1': 2.0}, None, 0, False))
    a = (out.feature_acts * s.W_dec.norm(dim=1)).detach()
    abar = a[a > 0].mean()
    assert torch.allclose(s.code_scale, abar)   # the first batch sets ā
    assert torch.allclose(out.losses['l1_loss'], 2.0 * (a / (a + 3.0 * abar)).sum(-1).mean(), rtol=1e-5)
    big = AENTrainingSAE(training_config('aen', 8, 16, 2.0, weighting='per-input-relative', eps=3.0))
    big.load_state_dict({**s.state_dict(), 'W_dec': 1000 * s.W_dec.detach(), 'code_scale': torch.zeros(())})
    out_big = big.training_forward_pass(TrainStepInput(x, {'l1': 2.0}, None, 0, False))
    assert torch.allclose(out_big.losses['l1_loss'], out.losses['l1_loss'], rtol=1e-4)   # codes 1000x larger, same ℓ1 term
    fixed_eps = AENTrainingSAE(training_config('aen', 8, 16, 2.0, eps=3.0))   # the absolute rule is not scale-free
    fixed_eps.load_state_dict({**s.state_dict(), 'W_dec': 1000 * s.W_dec.detach()})
    assert not torch.allclose(fixed_eps.training_forward_pass(TrainStepInput(x, {'l1': 2.0}, None, 0, False)).losses['l1_loss'], out.losses['l1_loss'], rtol=1e-2)

from hypothesis import assume, given, settings, strategies as st

@settings(max_examples=200, deadline=None)
@given(c=st.floats(1.0, 1e4), s=st.floats(-3.0, -0.3), target=st.floats(2.0, 500.0), first=st.floats(1e-3, 1e3))
def test_calibrate_knob_finds_a_power_law_target(c, s, target, first):
    "On any falling power law L0 = c * knob^s whose target knob lies within 10^4 of the first guess (steps are capped at 10x), the search ends within tolerance, reporting its closest try."
    from ssd_nb.aen.synthetic import calibrate_knob
    law = lambda k: c * k ** s
    assume(abs(math.log10((target / c) ** (1 / s) / first)) <= 4)
    r = calibrate_knob(law, target, first, tol=0.15, max_tries=12)
    assert abs(r['l0'] / target - 1) <= 0.15 + 0.01, r   # knobs are rounded to 3 significant digits
    assert r['l0'] == min((t[1] for t in r['trail']), key=lambda l: abs(math.log(l / target)))
