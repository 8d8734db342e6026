# Sourced by ./mvnw and ./dev-stack/start: makes JAVA_HOME name a JDK >= 21.
# Keeps a JAVA_HOME that is already new enough; otherwise looks at the JDKs
# installed in the usual places and takes the newest. Fails with a clear
# message when none is found.
# shellcheck shell=sh

required_java_major=21

java_major_of() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

jdk_is_usable() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(java_major_of "$1")
  [ -n "$major" ] && [ "$major" -ge "$required_java_major" ]
}

if [ -z "${JAVA_HOME-}" ] || ! jdk_is_usable "$JAVA_HOME"; then
  found_jdk=""
  found_major=0
  case $- in *f*) restore_noglob=1; set +f ;; *) restore_noglob=0 ;; esac
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] || continue
    jdk_is_usable "$candidate" || continue
    major=$(java_major_of "$candidate")
    if [ "$major" -gt "$found_major" ]; then
      found_jdk=$candidate
      found_major=$major
    fi
  done
  [ "$restore_noglob" = 1 ] && set -f
  if [ -z "$found_jdk" ]; then
    echo "This project needs a JDK $required_java_major or newer; none was found." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    exit 1
  fi
  JAVA_HOME=$found_jdk
  export JAVA_HOME
fi
