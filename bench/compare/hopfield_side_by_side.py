#!/usr/bin/python3
"""Hopfield recall time per batch of 256 at N = 1024: AgentLab's retrieval run against the PyTorch peer, in turns.

Each round runs the AgentLab sweep at N = 1024 (all 5 seeds; the run times its own recall batches through the
memory actor) and then hopfield_torch.py on the same settings, so that both sides see the same machine load;
prints one Markdown row per (corruption, post, beta, map, steps) with both times and their ratio, per round.
Run from the repository root after `dotnet build -c Release src/AgentLab.Cli` and `bash .ci/setup --with-torch`:
    /usr/bin/python3 bench/compare/hopfield_side_by_side.py --rounds 2"""
import argparse
import json
import os
import re
import subprocess
import sys

SETTINGS = [("noise", "l2", 100.0), ("mask", "l2", 100.0), ("noise", "identity", 0.1)]
LABELS = {"softmax": "softmax", "entmax15": "1.5-entmax", "sparsemax": "sparsemax", "normmax": "2-normmax"}


def agentlab(directory):
    command = ["dotnet", "run", "-c", "Release", "--no-build", "--project", "src/AgentLab.Cli", "--", "run",
               "scenarios/hopfield-retrieval-fmnist.yaml", "--set", "memory.sizes=1024", "--out", directory]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(directory, "retrieval.json")) as f:
        rows = json.load(f)["rows"]
    return {(r["corruption"], r["post"], r["beta"], r["map"], r["steps"]): r["figures"]["ms_per_batch"]["mean"] for r in rows}


def torch_peer(corruption, post, beta, steps):
    command = [sys.executable, "bench/compare/hopfield_torch.py", "--n", "1024", "--corruption", corruption,
               "--post", post, "--beta", str(beta), "--steps", str(steps)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {LABELS[m.group(1)]: float(m.group(2)) for m in re.finditer(r"map=(\w+) .* ms_per_batch=([\d.]+)", out)}


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", default="runs/hopfield-side-by-side")
    parser.add_argument("--setting", action="append", metavar="CORRUPTION,POST,BETA",
                        help="only these settings (repeatable), e.g. noise,l2,100; default: " + " ".join(f"{c},{p},{b:g}" for c, p, b in SETTINGS))
    parser.add_argument("--steps", default="1,5", help="step counts, comma-separated")
    args = parser.parse_args()
    settings = [(c, p, float(b)) for c, p, b in (s.split(",") for s in args.setting)] if args.setting else SETTINGS
    step_counts = [int(t) for t in args.steps.split(",")]
    print("| round | load before | corruption | post, beta | map | steps | AgentLab ms/256 | PyTorch ms/256 | PyTorch / AgentLab |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in range(1, args.rounds + 1):
        before = load()
        ours = agentlab(os.path.join(args.out, f"round-{r}"))
        for corruption, post, beta in settings:
            for steps in step_counts:
                theirs = torch_peer(corruption, post, beta, steps)
                for label, ms in theirs.items():
                    mine = ours[(corruption, post, beta, label, steps)]
                    print(f"| {r} | {before} | {corruption} | {post}, {beta:g} | {label} | {steps} | {mine:.1f} | {ms:.1f} | {ms / mine:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
