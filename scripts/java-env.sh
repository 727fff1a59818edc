# Sourced by ./polder, ./run-tests and ./bench: selects a JDK >= 21 and checks for Maven.
# Sets JAVA_HOME and POLDER_JAVA, or prints what to do and exits 1.

polder_java_major() {
  # Prints the feature version of the JDK at $1 (17, 21, 25, ...), or nothing.
  local release="$1/release"
  if [ -r "$release" ]; then
    sed -n -E 's/^JAVA_VERSION="([0-9]+).*/\1/p' "$release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | head -n 1 | sed -n -E 's/.*version "([0-9]+).*/\1/p'
  fi
}

polder_select_java() {
  local required=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(polder_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
      POLDER_JAVA="$JAVA_HOME/bin/java"
      export JAVA_HOME POLDER_JAVA
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(polder_java_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$required" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "polder: needs a JDK $required or newer, and found none."
      echo "  JAVA_HOME=${JAVA_HOME:-<unset>}; looked in /usr/lib/jvm, /opt/java, /usr/local/lib/jvm."
      echo "  Install one (for example: apt-get install openjdk-21-jdk-headless, or a Temurin JDK 21+)"
      echo "  or point JAVA_HOME at it."
    } >&2
    exit 1
  fi
  JAVA_HOME="$best"
  POLDER_JAVA="$best/bin/java"
  export JAVA_HOME POLDER_JAVA
}

polder_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "polder: building needs Apache Maven (mvn) on the PATH; install it (apt-get install maven)." >&2
    exit 1
  fi
}

polder_select_java

# Maven's own Guava calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless told it is allowed.
if [ "$(polder_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
