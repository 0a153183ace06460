#!/usr/bin/python3
"""PyTorch peer of AgentLab's recall benchmark: the reference dynamics in the reference's algorithms.

HFYN's utils.HopfieldNet (post applied once to X and the queries, then p = yhat(beta X q), q = post(X^T p)
for a fixed number of updates) with the transforms written as the entmax package writes them (full sort
for sparsemax and 1.5-entmax, 50-step bisection for gamma-normmax as HFYN), in float32 with denormals
flushed, on the same data as `dotnet run -c Release --project bench/AgentLab.Bench -- recall`: Fashion-MNIST
train in [-1, 1], memories = the first N of a seeded permutation, queries = the first B memories plus
0.3 N(0,1) noise clamped to [-1, 1]. Run as
    /usr/bin/python3 bench/compare/hopfield_recall_torch.py --transform sparsemax --n 1024 --batch 256 --steps 1
The last line printed is ms_per_batch=<median>, for scripts to pick up."""
import argparse
import gzip
import time

import numpy as np
import torch

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--transform", default="sparsemax", choices=["softmax", "sparsemax", "entmax15", "normmax"])
ap.add_argument("--alpha", type=float, default=2.0, help="gamma of normmax")
ap.add_argument("--n", type=int, default=1024)
ap.add_argument("--batch", type=int, default=256)
ap.add_argument("--steps", type=int, default=1)
ap.add_argument("--reps", type=int, default=20)
ap.add_argument("--beta", type=float, default=100.0)
ap.add_argument("--post", default="l2", choices=["identity", "l2"])
ap.add_argument("--threads", type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.set_flush_denormal(True)


def sparsemax(z):  # entmax.sparsemax (k=None: full sort)
    zs, _ = torch.sort(z, dim=-1, descending=True)
    cs = zs.cumsum(-1) - 1
    rho = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    support = (rho * zs > cs).sum(dim=-1, keepdim=True)
    tau = cs.gather(-1, support - 1) / support.to(z.dtype)
    return torch.clamp(z - tau, min=0)


def entmax15(z):  # entmax.entmax15 (k=None: full sort)
    z = (z - z.max(dim=-1, keepdim=True).values) / 2
    zs, _ = torch.sort(z, dim=-1, descending=True)
    rho = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    mean = zs.cumsum(-1) / rho
    mean_sq = (zs ** 2).cumsum(-1) / rho
    ss = rho * (mean_sq - mean ** 2)
    delta = (1 - ss) / rho
    tau = mean - torch.sqrt(torch.clamp(delta, min=0))
    support = (tau <= zs).sum(dim=-1, keepdim=True)
    tau_star = tau.gather(-1, support - 1)
    return torch.clamp(z - tau_star, min=0) ** 2


def normmax(z, g=a.alpha, n_iter=50):  # HFYN normmax_bisect
    n = z.shape[-1]
    zmax = z.max(dim=-1, keepdim=True).values
    lo, hi = zmax - 1, zmax - (1.0 / n) ** (g - 1)
    dm = hi - lo
    for _ in range(n_iter):
        dm = dm / 2
        mid = lo + dm
        f = (torch.clamp(z - mid, min=0) ** (g / (g - 1))).sum(-1, keepdim=True) - 1
        lo = torch.where(f >= 0, mid, lo)
    p = torch.clamp(z - lo, min=0) ** (1 / (g - 1))
    return p / p.sum(-1, keepdim=True)


maps = {"softmax": lambda z: torch.softmax(z, dim=-1), "sparsemax": sparsemax, "entmax15": entmax15, "normmax": normmax}
yhat = maps[a.transform]
post = (lambda v: v / v.norm(dim=-1, keepdim=True)) if a.post == "l2" else (lambda v: v)

with gzip.open("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz") as f:
    raw = f.read()
images = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255.0 * 2 - 1
order = np.random.RandomState(0).permutation(len(images))[: a.n]
X = torch.from_numpy(images[order].copy())
g = torch.Generator().manual_seed(7)
Q = torch.clamp(X[torch.arange(a.batch) % a.n] + 0.3 * torch.randn(a.batch, 784, generator=g), -1, 1)


def recall():
    xp, q = post(X), post(Q)
    for _ in range(a.steps):
        p = yhat(a.beta * q @ xp.T)
        q = post(p @ xp)
    return q, p


with torch.no_grad():
    for _ in range(3):
        recall()
    times = []
    for _ in range(a.reps):
        t = time.perf_counter()
        q, p = recall()
        times.append((time.perf_counter() - t) * 1000)
print(f"transform={a.transform} n={a.n} batch={a.batch} steps={a.steps} beta={a.beta} post={a.post} "
      f"mean_support={(p > 0).sum(-1).float().mean().item():.2f} threads={a.threads}")
print(f"ms_per_batch={float(np.median(times)):.3f}")
