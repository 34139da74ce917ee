#!/usr/bin/env bash
# Start the real program on a virtual X screen (Xvfb) on a fresh demo station and save
# a PNG of every page at 1280×800 and 1920×1080, in the day and the night theme
# (NN-page-WxH-theme.png), in Chinese and (with LANG_SHOTS=en) English.
set -euo pipefail
out="${1:-docs/screenshots}"
here="$(cd "$(dirname "$0")/.." && pwd)"
py="$here/.venv/bin/python"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*.png  # the pictures of an earlier run, whatever they were called
export COMMAND_ROOM_DB="sqlite:///$tmp/shots.sqlite" XDG_CONFIG_HOME="$tmp/config"
export COMMAND_ROOM_DEMO_TODAY="${COMMAND_ROOM_DEMO_TODAY:-$(date +%F)}"
"$py" -m desktop init --admin-password shots2026pass >/dev/null
# an initial password must be changed before the account may act
COMMAND_ROOM_PASSWORD=shots2026pass "$py" -m desktop users passwd admin --password Shots-station-2026 >/dev/null
COMMAND_ROOM_PASSWORD=Shots-station-2026 "$py" -m desktop demo --today "$COMMAND_ROOM_DEMO_TODAY" >/dev/null
# a few calls coming in now, so the board shows live countdowns
now() { date -d "-$1 min" +%Y-%m-%dT%H:%M:%S%:z; }
add() { printf '%s' "$1" | COMMAND_ROOM_PASSWORD=Shots-station-2026 "$py" -m desktop alert add - --json \
        | "$py" -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
a1=$(add "{\"received_at\": \"$(now 1)\", \"source\": \"phone\", \"category\": \"dispute\", \"priority\": 2, \"beat\": \"B02\", \"address\": \"永安里3栋楼下\", \"caller_name\": \"报警人\", \"caller_phone\": \"13912340001\", \"parties\": [\"住户甲\", \"住户乙\"], \"description\": \"邻里因停车位争吵，情绪激动\"}")
a2=$(add "{\"received_at\": \"$(now 4)\", \"source\": \"county_feed\", \"external_number\": \"J3301052026112300031\", \"category\": \"criminal_case\", \"priority\": 1, \"beat\": \"B04\", \"address\": \"明月新村菜场东门\", \"description\": \"电动车被盗，车主在现场\"}")
add "{\"received_at\": \"$(now 2)\", \"source\": \"walk_in\", \"category\": \"help\", \"priority\": 3, \"beat\": \"B01\", \"address\": \"望江花园北门\", \"description\": \"老人走失求助\"}" >/dev/null
COMMAND_ROOM_PASSWORD=Shots-station-2026 "$py" -m desktop alert dispatch "$a2" >/dev/null
# a few registry records and disputes, so the registry page and its dispute ledger show something
day() { date -d "-$1 day" +%F; }
cr() { COMMAND_ROOM_PASSWORD=Shots-station-2026 "$py" -m desktop "$@"; }
doc() { printf '%s' "$2" | cr "$1" add - --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
s1=$(doc subject "{\"kind\": \"dv_warning\", \"beat\": \"B02\", \"name\": \"虞见山\", \"phone\": \"13912340077\", \"start\": \"$(day 12)\", \"address\": \"永安里5栋302\"}")
doc subject "{\"kind\": \"bail\", \"beat\": \"B01\", \"name\": \"柯一苇\", \"start\": \"$(day 30)\", \"end\": \"$(date -d '+150 day' +%F)\", \"authority\": \"城东分局\", \"reference\": \"城公(刑)取保字〔2026〕18号\"}" >/dev/null
doc subject "{\"kind\": \"key_unit\", \"beat\": \"B03\", \"name\": \"和平社区加油站\", \"start\": \"$(day 200)\", \"address\": \"和平路88号\"}" >/dev/null
doc subject "{\"kind\": \"rectification_order\", \"beat\": \"B04\", \"name\": \"明月新村网吧\", \"start\": \"$(day 20)\", \"end\": \"$(day 2)\", \"reference\": \"城公(明)责改字〔2026〕7号\"}" >/dev/null
doc event "{\"subject\": $s1, \"kind\": \"visit\", \"on\": \"$(day 8)\", \"note\": \"首次回访,无再犯\"}" >/dev/null
cr dispute from-alert "$a1" --risk medium >/dev/null
d2=$(doc dispute "{\"beat\": \"B03\", \"summary\": \"两户因宅基地边界争执\", \"parties\": \"蒲怀远、蒲怀近\", \"on\": \"$(day 25)\", \"deadline\": \"$(day 3)\", \"risk\": \"high\", \"criminal_risk\": true, \"body\": \"village_committee\"}")
cr dispute follow-up "$d2" --on "$(day 6)" --note "村委会组织调解，双方未达成一致" >/dev/null
cr dispute state "$d2" mediating >/dev/null
# a numbered notice in the register, so the documents page shows one (the example, dated today)
PYTHONPATH="$here" "$py" - "$tmp/notice.json" "$here" <<'PY'
import datetime as dt, json, sys
from pathlib import Path
from desktop.pages.document_example import example_for
sample = json.loads((Path(sys.argv[2]) / "resources/documents/police_notice.json").read_text(encoding="utf-8"))
Path(sys.argv[1]).write_text(json.dumps(example_for(sample, dt.date.today(), "青石桥派出所"),
                                        ensure_ascii=False), encoding="utf-8")
PY
cr doc issue police_notice --data "$tmp/notice.json" --out "$tmp/notice.pdf" >/dev/null
mkdir -p "$tmp/config/CommandRoom"
printf '[ui]\nlanguage=%s\n' "${LANG_SHOTS:-zh_CN}" > "$tmp/config/CommandRoom/command-room.conf"
COMMAND_ROOM_USER=admin COMMAND_ROOM_PASSWORD=Shots-station-2026 \
  xvfb-run -a -s "-screen 0 1920x1080x24" "$py" "$here/scripts/drive_window.py" --screenshots "$(realpath "$out")"
ls "$out" | wc -l
