#!/usr/bin/env bash
# Training speed of the referential game, AgentLab beside the PyTorch peer, in one run on one machine:
# the same methods, 300 steps from initialisation, 2 threads, standardised Fashion-MNIST.
#   bash bench/compare/referential_side_by_side.sh [steps] [methods...]
# Needs python3-torch (bash .ci/setup --with-torch) and ../shared/bench/referential_game_torch.py.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
steps=${1:-300}
shift || true
methods=("${@:-sfe-nll sfe dense-marg sparsemax-marg gumbel}")
read -r -a methods <<<"${methods[*]}"
peer=../shared/bench/referential_game_torch.py
dotnet build -c Release bench/AgentLab.Bench -v quiet -nologo >/dev/null
printf '%-16s %14s %14s %8s\n' method agentlab_gps pytorch_gps ratio
for m in "${methods[@]}"; do
    ours=$(dotnet bench/AgentLab.Bench/bin/Release/net10.0/AgentLab.Bench.dll game --method "$m" --steps "$steps" --threads 2 --normalization standardize | tail -1 | sed 's/games_per_second=//')
    theirs=$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 "$peer" --method "$m" --steps "$steps" --threads 2 --test_games 256 --norm standardize \
        | tail -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["train_games_per_second"])')
    printf '%-16s %14.1f %14.1f %8.2f\n' "$m" "$ours" "$theirs" "$(python3 -c "print($ours/$theirs)")"
done
