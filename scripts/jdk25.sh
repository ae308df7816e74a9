# Sourced by ./mvnw, ./platform, .ci/run and the scripts here (POSIX sh, as ./mvnw is): the build and the platform
# need a JDK 25, while a machine's default `java` is often older. Uses JAVA_HOME if it is a JDK 25, else the first
# JDK 25 in the usual places (JDK25_CANDIDATES, a space-separated list of folders, replaces them), else stops
# with one sentence saying what to install or set.
is_jdk25() {
  [ -n "$1" ] && [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] && grep -q '^JAVA_VERSION="25[."]' "$1/release" 2>/dev/null
}
if ! is_jdk25 "${JAVA_HOME:-}"; then
  # The globs must expand even where the caller turned globbing off (`set -f`).
  case $- in *f*) set +f; jdk25_noglob=1 ;; esac
  for jdk25_candidate in ${JDK25_CANDIDATES:-/usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home}; do
    if is_jdk25 "$jdk25_candidate"; then JAVA_HOME="$jdk25_candidate"; export JAVA_HOME; break; fi
  done
  [ -z "${jdk25_noglob:-}" ] || set -f
  unset jdk25_candidate jdk25_noglob
fi
if ! is_jdk25 "${JAVA_HOME:-}"; then
  echo "This project needs a JDK 25 and found none (JAVA_HOME is '${JAVA_HOME:-unset}'): install one, e.g. Temurin 25, or set JAVA_HOME to it." >&2
  exit 1
fi
PATH="$JAVA_HOME/bin:$PATH"
export PATH
