#!/usr/bin/python3
"""PyTorch peer of AgentLab's MLP training benchmark, to put our numbers next to a mainstream library's.

Times full training steps (forward, cross-entropy, backward, Adam step, zero_grad) of a two-layer ReLU MLP
on one fixed batch of random data. Meant for Debian's python3-torch (bash .ci/setup --with-torch), run as
    /usr/bin/python3 bench/compare/mlp_torch.py --in 784 --hidden 512 --out 256 --batch 64 --steps 200
The last line printed is ms_per_step=<number>, for scripts to pick up.

Debian's torch does its matrix products in OpenBLAS (its own pthread pool) and the rest in an OpenMP pool
that spin-waits between parallel regions. On a busy 2-core machine the two pools fight and timings swing
several-fold; OMP_WAIT_POLICY=PASSIVE in the environment makes them much steadier. Compare like with like."""
import argparse
import time

import torch


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in", dest="in_features", type=int, default=784, help="input features")
    parser.add_argument("--hidden", type=int, default=512, help="hidden units")
    parser.add_argument("--out", type=int, default=256, help="output classes")
    parser.add_argument("--batch", type=int, required=True, help="examples per step")
    parser.add_argument("--steps", type=int, required=True, help="timed steps")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (the CI machine has 2 cores)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed steps first (allocator, caches)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for name in ("in_features", "hidden", "out", "batch", "steps", "threads"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_features', '')} must be positive")
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    return args


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    model = torch.nn.Sequential(
        torch.nn.Linear(args.in_features, args.hidden),
        torch.nn.ReLU(),
        torch.nn.Linear(args.hidden, args.out),
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = torch.nn.CrossEntropyLoss()

    # One fixed batch: the benchmark measures the training step, not data generation.
    inputs = torch.randn(args.batch, args.in_features)
    labels = torch.randint(0, args.out, (args.batch,))

    def step():
        loss = loss_function(model(inputs), labels)
        loss.backward()
        optimizer.step()
        # set_to_none frees the gradients instead of filling them with zeros (the default from torch 2.0 on);
        # backward then writes fresh ones, which is what a hand-written trainer does too.
        optimizer.zero_grad(set_to_none=True)
        return loss

    for _ in range(args.warmup):
        step()

    start = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    elapsed = time.perf_counter() - start

    print(f"torch={torch.__version__} threads={torch.get_num_threads()} "
          f"in={args.in_features} hidden={args.hidden} out={args.out} batch={args.batch} steps={args.steps} "
          f"final_loss={loss.item():.4f}")
    print(f"ms_per_step={elapsed * 1000 / args.steps:.4f}")


if __name__ == "__main__":
    main()
