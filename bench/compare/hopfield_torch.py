#!/usr/bin/python3
"""PyTorch peer of AgentLab's Hopfield retrieval sweep, timed on the same memories, queries and settings.

The dynamics of the reference code (HFYN's HopfieldNet.run, HOPFIELD.md §2): the post-transformation is applied
once to the memories X and to the queries, then for a fixed number of steps p = map(beta X q), q = post(X^T p).
The maps are written here from their published algorithms (HOPFIELD.md §3): softmax, sparsemax and 1.5-entmax by
sorting, 2-normmax by 50 bisection steps. Memories: the first N of torch.manual_seed(seed); torch.randperm(60000)
over the Fashion-MNIST train split, pixels in [-1, 1]; queries: each memory masked (bottom 14 rows set to 0) or
noisy (+0.3 N(0, 1), clamped). float32, flushed denormals, batches of 256. Meant for Debian's python3-torch
(bash .ci/setup --with-torch), run as
    /usr/bin/python3 bench/compare/hopfield_torch.py --n 1024 --post l2 --beta 100 --steps 1
Prints one line per map: map=... ms_per_batch=... exact=... support=..., exact as the AgentLab table counts it."""
import argparse
import gzip
import os
import time

import torch

ROOT = "/usr/share/datasets/fashion-mnist"
MAPS = ["softmax", "entmax15", "sparsemax", "normmax"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1024, help="memories")
    parser.add_argument("--post", choices=["identity", "l2"], default="l2")
    parser.add_argument("--beta", type=float, default=100.0)
    parser.add_argument("--steps", type=int, default=1, help="updates per query")
    parser.add_argument("--corruption", choices=["noise", "mask"], default="noise")
    parser.add_argument("--maps", default=",".join(MAPS), help="comma-separated, among " + ", ".join(MAPS))
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--root", default=ROOT)
    args = parser.parse_args()
    args.maps = args.maps.split(",")
    for name in args.maps:
        if name not in MAPS:
            parser.error(f"unknown map {name}")
    args.seeds = [int(s) for s in args.seeds.split(",")]
    return args


def load_images(root):
    path = os.path.join(root, "train-images-idx3-ubyte.gz")
    with gzip.open(path, "rb") as f:
        data = f.read()
    count = int.from_bytes(data[4:8], "big")
    pixels = torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(count, 784).float() / 255
    return pixels * 2 - 1  # ToTensor + Normalize(0.5, 0.5)


def softmax(s):
    return torch.softmax(s, dim=-1)


def sparsemax(s):
    z, _ = torch.sort(s, dim=-1, descending=True)
    cumulative = z.cumsum(dim=-1) - 1
    k = torch.arange(1, s.shape[-1] + 1, dtype=s.dtype)
    support = (k * z > cumulative).sum(dim=-1, keepdim=True)
    tau = cumulative.gather(-1, support - 1) / support.to(s.dtype)
    return torch.clamp(s - tau, min=0)


def entmax15(s):
    t = s / 2
    t = t - t.max(dim=-1, keepdim=True).values
    z, _ = torch.sort(t, dim=-1, descending=True)
    k = torch.arange(1, s.shape[-1] + 1, dtype=s.dtype)
    mean = z.cumsum(dim=-1) / k
    mean_sq = (z * z).cumsum(dim=-1) / k
    ss = k * (mean_sq - mean * mean)
    delta = torch.clamp((1 - ss) / k, min=0)
    tau = mean - torch.sqrt(delta)
    support = (tau <= z).sum(dim=-1, keepdim=True)
    tau_star = tau.gather(-1, support - 1)
    return torch.clamp(t - tau_star, min=0) ** 2


def normmax(s, gamma=2.0, iterations=50):
    n = s.shape[-1]
    top = s.max(dim=-1, keepdim=True).values
    lo = top - 1
    hi = top - (1.0 / n) ** (gamma - 1)
    for _ in range(iterations):
        tau = (lo + hi) / 2
        f = (torch.clamp(s - tau, min=0) ** (gamma / (gamma - 1))).sum(dim=-1, keepdim=True) - 1
        lo = torch.where(f >= 0, tau, lo)
        hi = torch.where(f >= 0, hi, tau)
    p = torch.clamp(s - (lo + hi) / 2, min=0) ** (1 / (gamma - 1))
    return p / p.sum(dim=-1, keepdim=True)


def post(x, kind):
    return x / x.norm(dim=-1, keepdim=True).clamp(min=1e-12) if kind == "l2" else x


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    images = load_images(args.root)
    functions = {"softmax": softmax, "entmax15": entmax15, "sparsemax": sparsemax, "normmax": normmax}
    for name in args.maps:
        transform = functions[name]
        seconds, batches, exact, support, queries = 0.0, 0, 0, 0, 0
        for seed in args.seeds:
            torch.manual_seed(seed)
            memories = images[torch.randperm(images.shape[0])[: args.n]]
            if args.corruption == "mask":
                corrupted = memories.clone()
                corrupted[:, 14 * 28:] = 0
            else:
                corrupted = torch.clamp(memories + 0.3 * torch.randn(memories.shape), -1, 1)
            x = post(memories, args.post)
            for warm in (True, False):  # one untimed pass first, as the AgentLab run warms up
                for first in range(0, args.n, args.batch):
                    start = time.perf_counter()
                    q = post(corrupted[first:first + args.batch], args.post)
                    for _ in range(args.steps):
                        p = transform(args.beta * q @ x.T)
                        q = post(p @ x, args.post)
                    elapsed = time.perf_counter() - start
                    if warm:
                        break
                    seconds += elapsed
                    batches += 1
                    target = x[first:first + args.batch]
                    cosine = torch.nn.functional.cosine_similarity(q, target, dim=-1)
                    exact += int((cosine > 0.99).sum())
                    support += int((p > 0).sum())
                    queries += q.shape[0]
        print(f"map={name} n={args.n} post={args.post} beta={args.beta:g} steps={args.steps} corruption={args.corruption} "
              f"ms_per_batch={1000 * seconds / batches:.2f} exact={exact / queries:.3f} support={support / queries:.2f}")


if __name__ == "__main__":
    main()
