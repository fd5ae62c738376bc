# Sourced by ../mvnw, ../.ci/run, or by hand (`. .mvn/find-jdk.sh`): virtual threads need Java 21+, and the
# machine's default java may be older. Picks JAVA_HOME if it is 21+, else the
# newest JDK 21+ in the usual folders; otherwise stops with one line.
nb_java_major() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$v" ] || v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  printf '%s' "$v"
}
nb_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ "$(nb_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then return 0; fi
  nb_best="" nb_best_v=0
  nb_path_java=$(command -v java 2>/dev/null || true)
  nb_path_home=""
  [ -n "$nb_path_java" ] && nb_path_home=$(dirname "$(dirname "$(readlink -f "$nb_path_java")")")
  nb_noglob=""; case $- in *f*) nb_noglob=1 ;; esac
  set +f # mvnw runs with globbing off
  for nb_c in $nb_path_home /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
      "${HOME-}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    nb_v=$(nb_java_major "$nb_c")
    if [ -n "$nb_v" ] && [ "$nb_v" -ge 21 ] && [ "$nb_v" -gt "$nb_best_v" ]; then nb_best=$nb_c nb_best_v=$nb_v; fi
  done
  [ -z "$nb_noglob" ] || set -f
  if [ -z "$nb_best" ]; then
    echo "nonblocking needs a JDK 21 or newer (virtual threads): install one (e.g. Temurin 21 or openjdk-21-jdk) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$nb_best
  export JAVA_HOME
}
# Sourced from an interactive shell, fail without closing it; from a script, stop the script.
nb_find_jdk || { return 1 2>/dev/null || exit 1; }
# Maven 3.9's Guice touches sun.misc.Unsafe, which JDK 24+ warns about at every start.
if [ "$(nb_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS-}" in *sun-misc-unsafe*) ;; *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;; esac
fi
