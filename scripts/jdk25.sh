# Sourced by ./platform, .ci/run and the scripts here: use a JDK 25, JAVA_HOME if it is one, else the first JDK 25
# found in the usual places.
is_jdk25() { [[ -x "$1/bin/javac" ]] && "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -q 'java.specification.version = 25'; }
if [[ -z "${JAVA_HOME:-}" ]] || ! is_jdk25 "$JAVA_HOME"; then
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if is_jdk25 "$candidate"; then export JAVA_HOME="$candidate"; break; fi
  done
fi
is_jdk25 "${JAVA_HOME:-}" || { echo "A JDK 25 is needed: set JAVA_HOME." >&2; exit 1; }
export PATH="$JAVA_HOME/bin:$PATH"
