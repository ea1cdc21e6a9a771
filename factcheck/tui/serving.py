"""What ``factcheck serve`` checks before it starts: the optional extra, the host, the annotator names."""

from __future__ import annotations

import ipaddress
import shlex
import sys
import unicodedata
from pathlib import Path

REMOTE_FLAG = "--i-know-there-is-no-auth"
"""The flag that lets ``serve`` listen beyond this machine, spelled out so nobody passes it by accident."""

MAX_NAME = 64
"""Longest annotator name a browser may give."""

SCREENS = ("annotate", "review")
"""What a browser session can open."""


class ServeError(ValueError):
    """``factcheck serve`` cannot start, or a browser asked for something it may not have."""


def require_textual_serve() -> None:
    """Raise unless the optional ``serve`` extra (textual-serve) is installed.

    Raises:
        ServeError: it is not, with the command that installs it.
    """
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise ServeError(
            "factcheck serve needs the optional 'serve' extra (textual-serve): pip install 'factcheck[serve]'"
        ) from None


def is_local(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine (a loopback address)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, allow_remote: bool) -> None:
    """Refuse a host other machines can reach unless the user said they know there is no login.

    Raises:
        ServeError: a non-local host without the flag.
    """
    if not is_local(host) and not allow_remote:
        raise ServeError(
            f"--host {host} lets other machines in, and factcheck serve has no login: anyone who "
            "reaches the port can label as anyone. Put a reverse proxy with authentication in "
            f"front (see the README), then pass {REMOTE_FLAG}"
        )


def check_name(name: str) -> str:
    """An annotator name a browser gave, stripped; refused when blank, too long or not printable.

    Raises:
        ServeError: the name cannot be used.
    """
    name = name.strip()
    if not name:
        raise ServeError("give your name")
    if len(name) > MAX_NAME:
        raise ServeError(f"a name has at most {MAX_NAME} characters")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise ServeError("a name cannot hold control characters")
    return name


def read_annotators(path: str | Path) -> list[str]:
    """The names in an annotators file: one a line; blank lines and ``#`` comments are skipped.

    Raises:
        ServeError: the file cannot be read, holds a bad name, or no name at all.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ServeError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ServeError(f"{path}: cannot read it: {err}") from None
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            name = check_name(line)
        except ServeError as err:
            raise ServeError(f"{path}:{number}: {err}") from None
        if name not in names:
            names.append(name)
    if not names:
        raise ServeError(f"{path}: no annotator names in it (one a line)")
    return names


def session_command(screen: str, name: str, db_path: str, keymap_path: str | None) -> str:
    """The shell command a browser session runs: this factcheck, the screen, the name, the database."""
    if screen not in SCREENS:
        raise ValueError(screen)
    who = "--annotator"
    args = [sys.executable, "-m", "factcheck", screen, who, name, "--db", str(Path(db_path).resolve())]
    if keymap_path is not None:
        args += ["--keymap", str(Path(keymap_path).resolve())]
    return shlex.join(args)
