#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: $JAVA_HOME if it qualifies, else the newest one under /usr/lib/jvm
# (Temurin 25 sits beside the default JDK 17 on our machines), else the `java` on PATH. Exits 1 if none.
set -euo pipefail

version_of() { # major version of a JDK home, 0 if unknown
  local rel="$1/release"
  [[ -r "$rel" ]] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -n 1
}

ok() { [[ -x "$1/bin/javac" ]] && (( $(version_of "$1") >= 21 )); }

if [[ -n "${JAVA_HOME:-}" ]] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi

best="" best_v=0
for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
  [[ -d "$home" && ! -L "$home" ]] || continue
  v=$(version_of "$home")
  if ok "$home" && (( v > best_v )); then best="$home" best_v=$v; fi
done
if [[ -n "$best" ]]; then echo "$best"; exit 0; fi

if command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if ok "$home"; then echo "$home"; exit 0; fi
fi
echo "No JDK 21+ found. Install one (e.g. Temurin 25) and set JAVA_HOME." >&2
exit 1
