"""Build the frozen one-folder program and, on Linux, its tarball.

    python installer/build.py            # build/frozen/dist/command-room/ (+ the tarball)
    python installer/build.py --check    # print whether the cached build is current

The build is cached: it is skipped when nothing it is made from (our packages, the spec,
the installed versions of the dependencies) changed since the last one. On Windows the
same command writes the version resource first; installer/windows/command-room.nsi then
packs the folder (see installer/README.md).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from models.version import VERSION  # noqa: E402

FROZEN = ROOT / "build" / "frozen"
DIST = FROZEN / "dist" / "command-room"
STAMP = FROZEN / "inputs.sha256"
SOURCES = ("desktop", "models", "widgets", "resources", "installer")


def inputs_digest() -> str:
    """One hash over every file the bundle is made from and the dependency versions (the
    installer folder's notes and shell scripts are not in the bundle)."""
    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if (path.is_file() and "__pycache__" not in path.parts
                    and not (folder == "installer" and path.suffix in (".md", ".sh"))):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    for dist in sorted(importlib.metadata.distributions(), key=lambda d: d.metadata["Name"] or ""):
        digest.update(f"{dist.metadata['Name']}=={dist.version}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def windows_version_info() -> None:
    """The version resource of the .exe files (Explorer's Properties → Details)."""
    parts = [int(p) for p in VERSION.split(".")[:3]] + [0]
    numbers = ", ".join(str(p) for p in parts[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers}), mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'Command Room'),
      StringStruct('FileDescription', '综合指挥室工作台'),
      StringStruct('FileVersion', '{VERSION}'),
      StringStruct('InternalName', 'command-room'),
      StringStruct('OriginalFilename', 'command-room.exe'),
      StringStruct('ProductName', '综合指挥室工作台 Command Room'),
      StringStruct('ProductVersion', '{VERSION}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])])
"""
    (FROZEN / "version-info.txt").write_text(text, encoding="utf-8")


def build() -> None:
    FROZEN.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        windows_version_info()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(FROZEN / "dist"), "--workpath", str(FROZEN / "work"),
                    str(ROOT / "installer" / "command-room.spec")], check=True, cwd=ROOT)


def linux_tarball() -> Path:
    """dist/command-room/ with the menu entry and its installer script, as one .tar.gz."""
    out = FROZEN / f"command-room-{VERSION}-linux-x86_64.tar.gz"
    top = f"command-room-{VERSION}"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(DIST, arcname=f"{top}/command-room")
        for name in ("command-room.desktop.in", "install-frozen.sh"):
            tar.add(ROOT / "installer" / "linux" / name, arcname=f"{top}/{name}")
        tar.add(ROOT / "resources" / "icons" / "command-room-256.png",
                arcname=f"{top}/command-room.png")
    return out


def main(argv: list[str]) -> int:
    digest = inputs_digest()
    current = STAMP.exists() and STAMP.read_text().strip() == digest and DIST.is_dir()
    if "--check" in argv:
        print("current" if current else "stale")
        return 0
    if current:
        print(f"build/frozen: up to date ({DIST})")
    else:
        STAMP.unlink(missing_ok=True)
        build()
        STAMP.write_text(digest + "\n")
    if sys.platform.startswith("linux"):
        print(linux_tarball())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
