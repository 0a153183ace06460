#!/bin/bash
# compare_jobs.sh STEPS JOBS...: wall time of the same `agentlab compare` (four methods, one seed, STEPS
# steps each, fresh run directories) with each --jobs value, for docs/PERFORMANCE.md ("compare --jobs").
# Run from the repository root after a Release build.
set -e
steps=${1:-1000}; shift
cli=src/AgentLab.Cli/bin/Release/net10.0/agentlab
out=$(mktemp -d)
for jobs in "${@:-1 2}"; do
  start=$(date +%s.%N)
  $cli compare scenarios/referential-fmnist.yaml --methods sparsemax-marg,dense-marg,sfe,gumbel --seeds 1 \
    --steps "$steps" --jobs "$jobs" --out "$out/jobs-$jobs" > "$out/jobs-$jobs.log" 2>&1
  end=$(date +%s.%N)
  games=$(python3 -c "import json,glob; print(sum(json.load(open(f))['steps'] for f in glob.glob('$out/jobs-$jobs/*/seed-*/summary.json')) * 64)")
  echo "jobs $jobs: $(python3 -c "print(f'{$end - $start:.1f} s wall, {$games} training games')")"
done
rm -rf "$out"
