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
export COMMAND_ROOM_DEMO_TODAY="${COMMAND_ROOM_DEMO_TODAY:-$(date +%F)}"
"$py" -m desktop init --admin-password shots2026pass >/dev/null
COMMAND_ROOM_PASSWORD=shots2026pass "$py" -m desktop demo --today "$COMMAND_ROOM_DEMO_TODAY" >/dev/null
# a few calls coming in now, so the board shows live countdowns
now() { date -d "-$1 min" +%Y-%m-%dT%H:%M:%S%:z; }
add() { printf '%s' "$1" | COMMAND_ROOM_PASSWORD=shots2026pass "$py" -m desktop alert add - --json \
        | "$py" -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
a1=$(add "{\"received_at\": \"$(now 1)\", \"source\": \"phone\", \"category\": \"dispute\", \"priority\": 2, \"beat\": \"B02\", \"address\": \"永安里3栋楼下\", \"caller_name\": \"报警人\", \"caller_phone\": \"13912340001\", \"parties\": [\"住户甲\", \"住户乙\"], \"description\": \"邻里因停车位争吵，情绪激动\"}")
a2=$(add "{\"received_at\": \"$(now 4)\", \"source\": \"county_feed\", \"external_number\": \"J3301052026112300031\", \"category\": \"criminal_case\", \"priority\": 1, \"beat\": \"B04\", \"address\": \"明月新村菜场东门\", \"description\": \"电动车被盗，车主在现场\"}")
add "{\"received_at\": \"$(now 2)\", \"source\": \"walk_in\", \"category\": \"help\", \"priority\": 3, \"beat\": \"B01\", \"address\": \"望江花园北门\", \"description\": \"老人走失求助\"}" >/dev/null
COMMAND_ROOM_PASSWORD=shots2026pass "$py" -m desktop alert dispatch "$a2" >/dev/null
: "$a1"
mkdir -p "$tmp/config/CommandRoom"
printf '[ui]\nlanguage=%s\n' "${LANG_SHOTS:-zh_CN}" > "$tmp/config/CommandRoom/command-room.conf"
COMMAND_ROOM_USER=admin COMMAND_ROOM_PASSWORD=shots2026pass \
  xvfb-run -a -s "-screen 0 1440x900x24" "$py" "$here/scripts/drive_window.py" --screenshots "$(realpath "$out")"
ls "$out"
