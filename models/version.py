"""The program's version: the one place it is written.

pyproject.toml reads it from here when the wheel is built, ``command-room --version``
prints it, the frozen bundle's folder name and the Windows installer's version resource
are made from it (installer/build.py), so a source checkout, an installed wheel and a
frozen program all say the same.
"""

VERSION = "0.1.0"
