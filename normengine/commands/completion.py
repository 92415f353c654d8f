"""``normengine completion bash|zsh|tcsh``: a shell completion script for ``normengine``.

The script is generated from the command line's own parser by shtab, once, when a
user installs it; completing then costs nothing at run time (argcomplete, the other
choice, runs ``normengine`` itself at every TAB and needs a hook imported at every
start, which is what ``--version`` under 0.1 s cannot afford). shtab is imported only
by this command.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_parser", "run"]

EPILOG = """\
example (install; needs shtab: pip install "normengine[completion]"):
  normengine completion bash > ~/.local/share/bash-completion/completions/normengine
  normengine completion zsh > ~/.zfunc/_normengine      # with fpath+=(~/.zfunc) in ~/.zshrc
"""


def add_parser(sub: Any) -> None:
    """Register the ``completion`` subcommand."""
    p = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, tcsh)",
        description="Print a completion script for a shell: commands, options, their choices and file names.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=["bash", "zsh", "tcsh"], help="the shell")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..errors import NormengineError

    try:
        import shtab
    except ImportError:
        raise NormengineError(
            "normengine completion needs shtab, which is not installed: pip install 'normengine[completion]'"
        ) from None
    from . import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    sys.stdout.flush()
    return 0
