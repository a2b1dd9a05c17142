#!/bin/sh
# Install the pinned Debian packages from debian-packages.txt that are missing (fonts, Chromium, PDF tools).
set -eu
cd "$(dirname "$0")/.."
missing=""
for spec in $(grep -v '^#' debian-packages.txt); do
  name=${spec%%=*}; version=${spec#*=}
  installed=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)
  case "$installed" in
    "install ok installed $version") ;;
    "install ok installed "*) echo "note: $name ${installed##* } is installed; debian-packages.txt pins $version" ;;
    *) missing="$missing $spec" ;;
  esac
done
[ -z "$missing" ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
echo "Installing Debian packages:$missing"
$sudo apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing; then
  names=$(for s in $missing; do printf '%s ' "${s%%=*}"; done)
  echo "WARNING: a pinned version is no longer on the mirror; installing the mirror's versions of: $names" >&2
  echo "WARNING: update debian-packages.txt to what 'dpkg-query -W $names' prints." >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $names
fi
