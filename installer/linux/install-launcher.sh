#!/usr/bin/env bash
# Put Command Room in this user's application menu (freedesktop), pointing at the program
# installed in this checkout's virtual environment (make run installs it there).
#   installer/linux/install-launcher.sh            install or refresh the menu entry
#   installer/linux/install-launcher.sh --remove   take it away again
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
entry="$apps/command-room.desktop"

if [[ "${1:-}" == "--remove" ]]; then
  rm -f "$entry"
  echo "removed $entry"
  exit 0
fi

program="$root/${VENV:-.venv}/bin/command-room"
if [[ ! -x "$program" ]]; then
  echo "install-launcher: $program is missing; run 'make run' (or 'make test') first" >&2
  exit 1
fi
mkdir -p "$apps"
sed -e "s#@EXEC@#$program#" -e "s#@ICON@#$root/resources/icons/command-room-256.png#" \
  "$here/command-room.desktop.in" > "$entry.tmp"
mv "$entry.tmp" "$entry"
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
echo "installed $entry"
