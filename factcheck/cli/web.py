"""``factcheck serve``: the annotation and review screens in a browser, through textual-serve."""

from __future__ import annotations

import click

from factcheck.cli.main import cli
from factcheck.cli.options import db_option, keymap_option, open_store, read_keymap, require_db, user_errors
from factcheck.store import StoreError
from factcheck.tui import REMOTE_FLAG


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--annotators",
    "annotators_path",
    type=click.Path(dir_okay=False),
    help="Only these names may label (a file, one name a line); the page offers them in a list.",
)
@click.option("--public-url", help="The address browsers use, when a reverse proxy stands in front.")
@click.option(
    REMOTE_FLAG,
    "allow_remote",
    is_flag=True,
    help="Listen on an address other machines can reach, knowing serve has no login of its own.",
)
@keymap_option
@db_option
@user_errors
def serve_cmd(
    host: str,
    port: int,
    annotators_path: str | None,
    public_url: str | None,
    allow_remote: bool,
    keymap_path: str | None,
    db_path: str,
) -> None:
    """Label from a browser: every browser session opens the annotation screen on this
    database under the name it gives (or /?annotator=NAME); /review opens the review screen.

    It listens on this machine only, unless --host says otherwise and the flag that says
    you know there is no login is given: put a reverse proxy with authentication in front.
    Needs the 'serve' extra: pip install 'factcheck[serve]'.

    Example: factcheck serve --port 8000 --db project.db
    """
    from factcheck.tui import check_host, read_annotators, require_textual_serve, serve

    check_host(host, allow_remote)
    require_textual_serve()
    require_db(db_path)
    read_keymap(keymap_path)
    annotators = read_annotators(annotators_path) if annotators_path else None
    with open_store(db_path) as store:
        if store.count("mentions") == 0:
            raise StoreError(f"{db_path}: no articles yet; ingest some first: factcheck ingest FILES")
    serve(db_path, host, port, annotators=annotators, keymap_path=keymap_path, public_url=public_url)
