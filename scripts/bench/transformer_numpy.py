# Anchor for the engine's Transformer pass (lib/sim/transformer.ts): the same forward and backward in
# numpy/OpenBLAS, float64, single thread (set OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 outside).
#
#   python3 scripts/bench/transformer_numpy.py CONFIG.json DATA.bin [RUNS]
#
# CONFIG.json is the engine's canonical config (model "transformer"; ReLU FFN); DATA.bin holds float64
# little-endian x (N×d), y (N×d), then every block's W_q, W_k, W_v, W_o (d×d), W_1 (d×F), W_2 (F×d),
# row-major, as the engine drew them. Prints one JSON line: the median time of RUNS passes (after one
# warm-up), the loss, and every block's ||dL/dx_l|| and ||dL/dW|| (all six matrices), which
# scripts/bench-transformer.ts compares with the engine's numbers.
import json
import sys
import time

import numpy as np

EPS = 1e-5

cfg = json.load(open(sys.argv[1]))
raw = np.fromfile(sys.argv[2], dtype="<f8")
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
if cfg["ffnActivation"] != "relu":
    sys.exit("the anchor implements the ReLU FFN only")
L, d, H, T, B = cfg["depth"], cfg["dModel"], cfg["heads"], cfg["seqLen"], cfg["batch"]
F, dh, N = cfg["ffnMult"] * d, d // H, B * T
norm, causal = cfg["norm"], cfg["causal"]
scale = 1 / np.sqrt(dh) if cfg["attentionScale"] == "sqrt" else 1.0

o = 0
def take(*shape):
    global o
    n = int(np.prod(shape))
    a = raw[o : o + n].reshape(shape)
    o += n
    return a
x0, y = take(N, d), take(N, d)
blocks = [dict(wq=take(d, d), wk=take(d, d), wv=take(d, d), wo=take(d, d), w1=take(d, F), w2=take(F, d)) for _ in range(L)]
assert o == raw.size, "data size does not match the config"
mask = np.triu(np.ones((T, T), dtype=bool), 1) if causal else None

def ln(z):
    mu = z.mean(axis=1, keepdims=True)
    s = 1 / np.sqrt(((z - mu) ** 2).mean(axis=1, keepdims=True) + EPS)
    return (z - mu) * s, s

def ln_back(xhat, s, g):
    m = xhat.shape[1]
    return (s / m) * (m * g - g.sum(axis=1, keepdims=True) - xhat * (g * xhat).sum(axis=1, keepdims=True))

def heads(a):  # (N, d) -> (B, H, T, dh)
    return a.reshape(B, T, H, dh).transpose(0, 2, 1, 3)

def merge(a):  # (B, H, T, dh) -> (N, d)
    return a.transpose(0, 2, 1, 3).reshape(N, d)

def attn_fwd(a, w):
    q, k, v = heads(a @ w["wq"]), heads(a @ w["wk"]), heads(a @ w["wv"])
    s = (q @ k.transpose(0, 1, 3, 2)) * scale
    if mask is not None:
        s = np.where(mask, -np.inf, s)
    s = s - s.max(axis=-1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(axis=-1, keepdims=True)
    o_ = merge(p @ v)
    return o_ @ w["wo"], (a, q, k, v, p, o_)

def attn_back(cache, w, g, dw):
    a, q, k, v, p, o_ = cache
    dw["wo"] = o_.T @ g
    do = heads(g @ w["wo"].T)
    dp = do @ v.transpose(0, 1, 3, 2)
    dv = p.transpose(0, 1, 3, 2) @ do
    ds = p * (dp - (dp * p).sum(axis=-1, keepdims=True)) * scale
    dq, dk = ds @ k, ds.transpose(0, 1, 3, 2) @ q
    dq, dk, dv = merge(dq), merge(dk), merge(dv)
    dw["wq"], dw["wk"], dw["wv"] = a.T @ dq, a.T @ dk, a.T @ dv
    return dq @ w["wq"].T + dk @ w["wk"].T + dv @ w["wv"].T

def ffn_fwd(c, w):
    u = c @ w["w1"]
    gact = np.maximum(u, 0)
    return gact @ w["w2"], (c, u, gact)

def ffn_back(cache, w, g, dw):
    c, u, gact = cache
    dw["w2"] = gact.T @ g
    du = (g @ w["w2"].T) * (u > 0)
    dw["w1"] = c.T @ du
    return du @ w["w1"].T

def step():
    x = x0
    caches = []
    for w in blocks:
        if norm == "pre":
            a, sa = ln(x)
            at, ca = attn_fwd(a, w)
            mid = x + at
            c, sc = ln(mid)
            f, cf = ffn_fwd(c, w)
            out = mid + f
            caches.append((a, sa, ca, c, sc, cf, None, None, None, None))
        elif norm == "post":
            at, ca = attn_fwd(x, w)
            mid, sm = ln(x + at)
            f, cf = ffn_fwd(mid, w)
            out, so = ln(mid + f)
            caches.append((None, None, ca, None, None, cf, mid, sm, out, so))
        else:
            at, ca = attn_fwd(x, w)
            mid = x + at
            f, cf = ffn_fwd(mid, w)
            out = mid + f
            caches.append((None, None, ca, None, None, cf, None, None, None, None))
        x = out
    if norm == "pre":
        fin, sf = ln(x)
    else:
        fin = x
    loss = 0.5 * ((fin - y) ** 2).sum() / N
    g = (fin - y) / N
    if norm == "pre":
        g = ln_back(fin, sf, g)
    act_norms, w_norms = [0.0] * L, [0.0] * L
    for l in range(L - 1, -1, -1):
        w, dw = blocks[l], {}
        a, sa, ca, c, sc, cf, mid, sm, out, so = caches[l]
        act_norms[l] = float(np.linalg.norm(g))
        if norm == "post":
            dz2 = ln_back(out, so, g)
            dmid = dz2 + ffn_back(cf, w, dz2, dw)
            dz1 = ln_back(mid, sm, dmid)
            g = dz1 + attn_back(ca, w, dz1, dw)
        else:
            dc = ffn_back(cf, w, g, dw)
            dmid = g + (ln_back(c, sc, dc) if norm == "pre" else dc)
            da = attn_back(ca, w, dmid, dw)
            g = dmid + (ln_back(a, sa, da) if norm == "pre" else da)
        w_norms[l] = float(np.sqrt(sum((m ** 2).sum() for m in dw.values())))
    return float(loss), act_norms, w_norms

loss, act, wn = step()
ts = []
for _ in range(runs):
    t = time.perf_counter()
    step()
    ts.append(time.perf_counter() - t)
ts.sort()
print(json.dumps({"ms": ts[len(ts) // 2] * 1e3, "numpy": np.__version__, "loss": loss, "activationGradNorms": act, "weightGradNorms": wn}))
