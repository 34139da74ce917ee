#!/usr/bin/env bash
# Start the real program on a virtual X screen (Xvfb) on a fresh demo station and save
# a PNG of every page, in Chinese and (with LANG_SHOTS=en) English.
set -euo pipefail
out="${1:-docs/screenshots}"
here="$(cd "$(dirname "$0")/.." && pwd)"
py="$here/.venv/bin/python"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
export COMMAND_ROOM_DB="sqlite:///$tmp/shots.sqlite" XDG_CONFIG_HOME="$tmp/config"
export COMMAND_ROOM_DEMO_TODAY="${COMMAND_ROOM_DEMO_TODAY:-2026-03-02}"
"$py" -m desktop init --admin-password shots2026pass >/dev/null
COMMAND_ROOM_PASSWORD=shots2026pass "$py" -m desktop demo --today "$COMMAND_ROOM_DEMO_TODAY" >/dev/null
mkdir -p "$tmp/config/CommandRoom"
printf '[ui]\nlanguage=%s\n' "${LANG_SHOTS:-zh_CN}" > "$tmp/config/CommandRoom/command-room.conf"
COMMAND_ROOM_USER=admin COMMAND_ROOM_PASSWORD=shots2026pass COMMAND_ROOM_SCREENSHOTS="$(realpath "$out")" \
  xvfb-run -a -s "-screen 0 1440x900x24" "$py" -m desktop
ls "$out"
