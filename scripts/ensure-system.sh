#!/usr/bin/env bash
# Install what the program or the tests need from the system, where it is missing.
#   ensure-system.sh gui   Qt's xcb libraries and CJK fonts
#   ensure-system.sh test  the above plus Xvfb, xdotool, poppler-utils and a reachable PostgreSQL
# On Debian/Ubuntu it uses apt-get (as root, or through sudo); elsewhere it only checks.
set -euo pipefail
what="${1:-gui}"
here="$(cd "$(dirname "$0")/.." && pwd)"

gui_pkgs=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          libxcb-image0 libxcb-render-util0 libegl1 libgl1 libfontconfig1 libdbus-1-3
          fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai
          texlive-lang-chinese fonts-liberation fonts-noto-cjk fonts-hanazono)
# texlive-lang-chinese: the Fandol faces (仿宋, 宋, 黑, 楷) documents print with where the
# Windows official fonts are absent; fonts-liberation: the Times-style Latin beside them;
# fonts-noto-cjk: the rare characters Fandol lacks, in a matching serif or sans;
# fonts-hanazono: the rarest (CJK Extensions B to F: 𠀀, 𪚥) that Noto lacks too.
test_pkgs=(xvfb xauth xdotool poppler-utils)

missing=()
want=("${gui_pkgs[@]}")
[ "$what" = test ] && want+=("${test_pkgs[@]}")
if command -v dpkg-query >/dev/null; then
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

apt_install() {
  echo "installing system packages: $*" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    apt_install "${missing[@]}" || { echo "could not install: ${missing[*]}" >&2; exit 1; }
  else
    echo "please install the equivalents of: ${missing[*]}" >&2
  fi
fi

# The Fandol and Noto faces have PostScript outlines: convert them to TrueType once, now,
# rather than when the first document is drawn (10-40 s a face; cached per user).
if [ -x "$here/.venv/bin/python" ]; then
  (cd "$here" && .venv/bin/python -m models.documents.fontconvert) || echo "could not prepare the document faces" >&2
fi

[ "$what" = test ] || exit 0

# PostgreSQL: the server on 127.0.0.1:5432 where one runs; otherwise start (or install
# and start) one, and if it does not trust local TCP logins, run a private cluster.
pg_url_file="$here/.pg-url"
rm -f "$pg_url_file"
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  if psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1" >/dev/null 2>&1; then exit 0; fi
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  command -v apt-get >/dev/null || { echo "PostgreSQL is missing and cannot be installed here" >&2; exit 1; }
  apt_install postgresql
fi
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  for v in $(ls /etc/postgresql); do as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true; done
  if pg_isready -q -h 127.0.0.1 -p 5432 && psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1" >/dev/null 2>&1; then
    exit 0
  fi
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
data=/tmp/command-room-pg
port=54329
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
  run_pg "$bin/initdb" -D "$data" -A trust -U postgres >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
  run_pg "$bin/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$data/server.log" -w start >/dev/null
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres" > "$pg_url_file"
echo "started a private PostgreSQL on port $port" >&2
