#!/usr/bin/env bash
# Build-time cost of DataGuard's analyzers on the sample: interleaved `dotnet build --no-incremental --no-dependencies`
# runs of samples/DataGuard.Sample with its analyzer reference, and with that Analyzer item removed before the compiler
# runs (every other analyzer stays). Prints each run and the medians. Usage: benchmarks/analyzers-build-time.sh [pairs]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
work=$(mktemp -d /tmp/dataguard-analyzer-time.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/without.targets" <<'XML'
<Project>
  <Target Name="DropDataGuardAnalyzers" AfterTargets="ResolveProjectReferences" BeforeTargets="CoreCompile">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'DataGuard.Analyzers'" />
    </ItemGroup>
  </Target>
</Project>
XML
dotnet build samples/DataGuard.Sample -nologo -v q >/dev/null   # the references, once
for _ in $(seq 1 "$pairs"); do
  for mode in with without; do
    extra=()
    [ "$mode" = without ] && extra=(-p:CustomAfterMicrosoftCommonTargets="$work/without.targets")
    start=$(date +%s.%N)
    dotnet build samples/DataGuard.Sample --no-incremental --no-dependencies -nologo -v q "${extra[@]}" >/dev/null
    echo "$mode $(echo "$(date +%s.%N) - $start" | bc)" | tee -a "$work/times"
  done
done
median() { grep "^$1 " "$work/times" | cut -d' ' -f2 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
with=$(median with) without=$(median without)
echo "median with analyzers ${with}s, without ${without}s, ratio $(echo "scale=3; $with / $without" | bc)"
