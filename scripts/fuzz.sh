#!/usr/bin/env bash
# ./floorgate fuzz NAME|all [--minutes N]: runs Jazzer fuzz targets in fuzzing mode (docs/FUZZING.md).
#   NAME is Class#method (one target), Class (each of its targets in turn) or all (every target in turn).
# Jazzer fuzzes one @FuzzTest per JVM, so each target is its own Maven run: JAZZER_FUZZ=1, -Dtest=Class#method,
# -Djazzer.max_duration. A finding fails the run and is written to the target's corpus directory
# (src/test/resources/<package>/<Class>Inputs/<method>/), where the regression run of every build replays it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
usage() { echo "usage: ./floorgate fuzz NAME|all [--minutes N]   (NAME: Class#method or Class, see docs/FUZZING.md)" >&2; exit 2; }
[ $# -ge 1 ] || usage
name=$1; shift
minutes=2
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=${2:?--minutes needs a number}; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] || { echo "floorgate fuzz: --minutes must be a whole number >= 1, got '$minutes'" >&2; exit 2; }

# Every fuzz target: "module Class method", found from the @FuzzTest annotations in the test sources.
targets() {
  grep -rl --include='*FuzzTest.java' '@FuzzTest' -- */src/test/java | sort | while read -r file; do
    module=${file%%/src/test/java/*}
    class=$(basename "$file" .java)
    # the method name follows the annotation (and any other annotations) on its first 'void' line
    awk '/@FuzzTest/ {want=1} want && /void [a-zA-Z0-9_]+\(/ {match($0, /void [a-zA-Z0-9_]+\(/); print substr($0, RSTART+5, RLENGTH-6); want=0}' "$file" |
      while read -r method; do echo "$module $class $method"; done
  done
}

selected=$(targets | awk -v n="$name" '{ if (n == "all" || n == $2 || n == $2 "#" $3) print }')
if [ -z "$selected" ]; then
  echo "floorgate fuzz: no fuzz target '$name'; the targets are:" >&2
  targets | awk '{print "  " $2 "#" $3}' >&2
  exit 2
fi

failed=0
while read -r module class method; do
  echo "floorgate fuzz: $class#$method ($module) for $minutes min" >&2
  log="$ROOT/$module/target/fuzz-$class-$method.log"
  mkdir -p "$(dirname "$log")"
  # A bounded heap makes unbounded memory an OutOfMemoryError, i.e. a finding. Jazzer turns the target's
  # @Timeout into libFuzzer's per-input -timeout; JUnit would apply it to the whole fuzzing run, so its own
  # timeouts are off here (they stay on in the regression run of every build, one input per invocation). The
  # root pom turns Jazzer's hooks (coverage, compare tracing, sanitizers) off for that regression run; on here.
  if JAZZER_FUZZ=1 mvn -B -q -pl "$module" -am verify -Djdeb.skip=true -Danimal.sniffer.skip=true \
      -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx1g \
      -Djunit.jupiter.execution.timeout.mode=disabled -Djazzer.hooks=true -Djazzer.max_duration="${minutes}m" \
      >"$log" 2>&1; then
    outcome=ok
  else
    outcome=FAILED
    failed=1
  fi
  report="$ROOT/$module/target/surefire-reports/$(grep -o '^package [a-z.]*' "$(find "$module/src/test/java" -name "$class.java")" | cut -d' ' -f2).$class.txt"
  # libFuzzer writes to the forked JVM's native stderr, which surefire passes to the Maven log
  runs=$(grep -ho 'Done [0-9]* runs in [0-9]* second(s)' "$log" 2>/dev/null | tail -1 || true)
  cov=$(grep -o '^#[0-9]*.*cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$log" 2>/dev/null | tail -1 || true)
  echo "floorgate fuzz: $class#$method: $outcome; ${runs:-no libFuzzer summary}; last: ${cov:-none} (libFuzzer and Maven: $log; finding: $report)" >&2
done <<<"$selected"
exit "$failed"
