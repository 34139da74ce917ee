#!/usr/bin/env bash
# Install the frozen Command Room from its unpacked tarball.
#   sudo ./install-frozen.sh            into /opt/command-room, menu entry for every user
#   ./install-frozen.sh --user          into ~/.local/opt/command-room, for this user only
#   ./install-frozen.sh --remove [--user]   take the program and its menu entry away
# The data folder (~/.local/share/command-room) is never touched: upgrading or removing the
# program keeps every record.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scope=system
remove=no
for arg in "$@"; do
  case "$arg" in
    --user) scope=user ;;
    --remove) remove=yes ;;
    *) echo "install-frozen: unknown option $arg" >&2; exit 2 ;;
  esac
done
if [[ $scope == system ]]; then
  prefix=/opt/command-room; apps=/usr/share/applications; icons=/usr/share/icons/hicolor/256x256/apps
  bin=/usr/local/bin
else
  prefix="$HOME/.local/opt/command-room"; apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
  icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"; bin="$HOME/.local/bin"
fi
if [[ $remove == yes ]]; then
  rm -rf "$prefix" "$apps/command-room.desktop" "$icons/command-room.png" "$bin/command-room"
  echo "removed Command Room from $prefix (the data folder is kept)"
  exit 0
fi
mkdir -p "$prefix" "$apps" "$icons" "$bin"
rm -rf "$prefix.new" && cp -a "$here/command-room" "$prefix.new"
rm -rf "$prefix" && mv "$prefix.new" "$prefix"   # an upgrade replaces the program, never the data
install -m 644 "$here/command-room.png" "$icons/command-room.png"
sed -e "s#@EXEC@#$prefix/command-room#" -e "s#@ICON@#command-room#" \
  "$here/command-room.desktop.in" > "$apps/command-room.desktop"
ln -sf "$prefix/command-room" "$bin/command-room"
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
echo "installed Command Room in $prefix"
