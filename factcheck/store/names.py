"""Annotator names as they are stored: stripped of surrounding white space, never blank."""

from __future__ import annotations

MAX_NAME_LENGTH = 200
"""Longer names are refused: a name is a column header in tables and a key in exports."""


def clean_name(raw: object, what: str = "annotator name") -> str:
    """``raw`` stripped of surrounding white space, or a ValueError saying why it cannot be a name.

    Every way a name enters (the ``--annotator`` option, ``$FACTCHECK_ANNOTATOR``, an
    import file, a merged database) goes through here, so ``"bob "`` and ``"bob"`` are one
    annotator and a blank name never reaches the database.

    Raises:
        ValueError: not a string, blank, too long, or holding a lone surrogate.
    """
    if not isinstance(raw, str):
        raise ValueError(f"{what} must be text")
    name = raw.strip()
    if not name:
        raise ValueError(f"{what} is blank")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"{what} is longer than {MAX_NAME_LENGTH} characters")
    if not is_valid_unicode(name):
        raise ValueError(f"{what} is not valid Unicode (a lone surrogate)")
    return name


def is_valid_unicode(text: str) -> bool:
    """False when ``text`` holds a lone surrogate (which cannot be stored as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
