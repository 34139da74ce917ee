"""The frozen program's entry point: the same ``command-room`` as the installed script."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
