# Sourced by ./mvnw. mockupAWS needs a JDK 21+; many machines still default to 17 with a newer JDK installed
# beside it. When the JDK that would be used is older than 21, pick the newest JDK 21+ found in the usual places
# so that the README's two commands work as they are. An explicit JAVA_HOME of 21+ always wins.
mockupaws_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
mockupaws_current_java() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else command -v java || true; fi
}
mockupaws_java=$(mockupaws_current_java)
mockupaws_major=0
[ -n "$mockupaws_java" ] && mockupaws_major=$(mockupaws_java_major "$mockupaws_java")
if [ "${mockupaws_major:-0}" -lt 21 ] 2>/dev/null; then
  mockupaws_best=""; mockupaws_best_major=0
  set +f # mvnw runs with globbing off
  for mockupaws_home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$mockupaws_home/bin/javac" ] || continue
    mockupaws_m=$(mockupaws_java_major "$mockupaws_home/bin/java")
    if [ "${mockupaws_m:-0}" -ge 21 ] 2>/dev/null && [ "$mockupaws_m" -gt "$mockupaws_best_major" ]; then
      mockupaws_best="$mockupaws_home"; mockupaws_best_major=$mockupaws_m
    fi
  done
  if [ -n "$mockupaws_best" ]; then
    JAVA_HOME="$mockupaws_best"; export JAVA_HOME
    echo "mvnw: using JDK $mockupaws_best_major at $JAVA_HOME (the default java is older than 21)" >&2
  else
    echo "mvnw: mockupAWS needs a JDK 21 or newer; set JAVA_HOME to one" >&2
  fi
  set -f
fi
