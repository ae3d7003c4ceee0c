#!/bin/sh
# Gust's JDK search (not part of the Apache Maven Wrapper): prints the home of the first JDK 25 or newer among
# $JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, /usr/lib/jvm/java-25-openjdk-amd64 and /usr/lib/jvm/*, and fails
# (status 1, no output) when there is none. Used by ./mvnw and ./gust; POSIX sh, so the wrapper can call it.
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*; do
  [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
  version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
    printf '%s\n' "$candidate"
    exit 0
  fi
done
exit 1
