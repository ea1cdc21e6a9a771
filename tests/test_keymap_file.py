"""Keymap files: binding ids remapped from TOML, found in the config folder, and every mistake named."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tui_helpers import build_db

from factcheck.cli import cli
from factcheck.tui import KeymapError, binding_ids, default_keymap_path, load_keymap


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_keymap_file_remaps_by_binding_id(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[keys]\nundo = ["u", "ctrl+z"]\nhelp = "?"\nnext-unlabelled = "N"\n'
        'choose-1 = "a"\nreview-skip = "space"\npicker-close = "escape"\n',
    )
    assert load_keymap(path) == {
        "undo": "u,ctrl+z",
        "help": "question_mark",
        "next-unlabelled": "N",
        "choose-1": "a",
        "review-skip": "space",
        "picker-close": "escape",
    }


def test_the_config_folder_keymap_is_used_when_none_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_keymap_path() == tmp_path / "factcheck" / "keymap.toml"
    assert load_keymap() == {}
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "keymap.toml").write_text('[keys]\nquit = "ctrl+q"\n', encoding="utf-8")
    assert load_keymap() == {"quit": "ctrl+q"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[keys\n", "not valid TOML"),
        ('undo = "u"\n', "expected only a [keys] table"),
        ('[keys]\nundo = "u"\n[other]\nx = 1\n', "expected only a [keys] table"),
        ('[keys]\nundoo = "z"\n', "unknown binding id 'undoo' (did you mean 'undo'?"),
        ('[keys]\nfrobnicate = "z"\n', "unknown binding id 'frobnicate' (the README's keys table"),
        ('[keys]\nundo = "entr"\n', "undo: 'entr' is not a key name (did you mean 'enter'?)"),
        ('[keys]\nundo = "cmd+z"\n', "undo: 'cmd+z' has an unknown modifier 'cmd'"),
        ('[keys]\nundo = ""\n', "undo: '' is empty"),
        ("[keys]\nundo = 3\n", "undo: give a key as a string, or several as a list of strings"),
        ("[keys]\nundo = []\n", "undo: give a key as a string"),
        (
            '[keys]\nundo = "n"\n',
            "'n' would do two things on the annotation screen: next-unlabelled and undo",
        ),
        (
            '[keys]\nchoose-2 = "1"\n',
            "'1' would do two things on the annotation screen: choose-1 and choose-2",
        ),
        ('[keys]\nreview-skip = "u"\n', "on the review screen: review-skip and review-undo"),
    ],
)
def test_a_bad_keymap_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(KeymapError) as caught:
        load_keymap(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_swapping_two_keys_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nundo = "n"\nnext-unlabelled = "u"\n')
    assert load_keymap(path) == {"undo": "n", "next-unlabelled": "u"}


def test_every_binding_of_the_screens_has_a_remappable_id() -> None:
    from factcheck.tui.keymap import KEYS
    from factcheck.tui.review.keys import KEYS as REVIEW_KEYS

    ids = {i for screen in binding_ids().values() for i in screen}
    assert {k.id for k in KEYS} <= ids and {k.id for k in REVIEW_KEYS} <= ids
    assert {"choose-1", "choose-9", "not-factual", "review-pick-9", "help-close"} <= ids


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", ["annotate", "review"])
def test_the_screens_refuse_a_bad_keymap_before_opening(tmp_path: Path, command: str) -> None:
    db = tmp_path / "t.db"
    build_db(db)
    before = digest(db)
    bad = write(tmp_path, '[keys]\nundo = "cmd+z"\n')
    result = run(command, "--keymap", str(bad), "--db", str(db))
    assert result.exit_code == 1
    modifiers = "alt, ctrl, hyper, meta, shift, super"
    assert result.stderr == f"Error: {bad}: undo: 'cmd+z' has an unknown modifier 'cmd' (use {modifiers})\n"
    missing = run(command, "--keymap", str(tmp_path / "none.toml"), "--db", str(db))
    assert missing.exit_code == 1 and missing.stderr == f"Error: {tmp_path / 'none.toml'}: no such file\n"
    assert digest(db) == before


def test_the_readme_lists_every_binding_id() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    ids = {i for screen in binding_ids().values() for i in screen}
    values = {i for i in ids if i[-1].isdigit() and i[-2] == "-"}
    assert "`choose-1` … `choose-9`" in readme and "`review-pick-1` … `review-pick-9`" in readme
    assert [i for i in sorted(ids - values) if f"`{i}`" not in readme] == []
