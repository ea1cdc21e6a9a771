"""The web server of ``factcheck serve``: textual-serve, one app process per browser session, named.

Each page asks for (or is given, ``/?annotator=alice``) the annotator's name, then runs
``factcheck annotate --annotator NAME`` (or ``review`` at ``/review``) for that browser
through textual-serve, all on one database. Imported only when textual-serve is installed.
"""

from __future__ import annotations

import asyncio
import html
import logging
from typing import Any
from urllib.parse import quote, unquote

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from factcheck.tui.serving import SCREENS, ServeError, check_name, session_command

log = logging.getLogger("textual-serve")

FORM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>factcheck {title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ background: #0c181f; color: #e6e6e6; font: 16px/1.5 system-ui, sans-serif;
  display: flex; min-height: 90vh; align-items: center; justify-content: center; }}
form {{ background: #12232d; padding: 2em 3em; border-radius: 6px; }}
input, select, button {{ font: inherit; padding: .4em .6em; margin: .3em 0; }}
button {{ background: #5e0ba7; color: #fff; border: 0; cursor: pointer; }}
.error {{ color: #ff8a80; }}
</style></head>
<body><form method="get" action="">
<h1>factcheck {title}</h1>
{error}
<p><label for="annotator">{prompt}</label><br>{field}</p>
<p><button type="submit" id="start">Start</button></p>
</form></body></html>
"""


class FactcheckServer(Server):
    """Serves the annotation screen at ``/`` and the review screen at ``/review``."""

    def __init__(
        self,
        db_path: str,
        host: str,
        port: int,
        annotators: list[str] | None = None,
        keymap_path: str | None = None,
        public_url: str | None = None,
    ) -> None:
        """Prepare the server; nothing listens until :meth:`serve`.

        Args:
            db_path: the database every session opens.
            host: the address to listen on (checked by the caller).
            port: the port.
            annotators: the only names a browser may use (None: any name).
            keymap_path: a keymap file every session uses.
            public_url: the address browsers use, when a reverse proxy stands in front.
        """
        super().__init__("factcheck", host=host, port=port, title="factcheck", public_url=public_url)
        self.db_path = db_path
        """The database every session opens."""
        self.annotators = annotators
        """The names allowed (None: any)."""
        self.keymap_path = keymap_path
        """A keymap file every session uses."""

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_annotate, name="annotate"),
                web.get("/review", self.handle_review, name="review"),
                web.get("/ws/{screen}/{name}", self.handle_session, name="session"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say where to point the browsers."""
        base = self.public_url.rstrip("/")
        self.console.print(f"factcheck serve: {self.db_path}", highlight=False)
        self.console.print(f"  annotators: {base}/  (or {base}/?annotator=NAME)", highlight=False)
        self.console.print(f"  review:     {base}/review", highlight=False)
        self.console.print("Press Ctrl+C to stop.", highlight=False)

    # -- pages ---------------------------------------------------------------------------------

    async def handle_annotate(self, request: web.Request) -> web.StreamResponse:
        """The annotation screen for the name in the URL, or a form asking for it."""
        return await self._page(request, "annotate")

    async def handle_review(self, request: web.Request) -> web.StreamResponse:
        """The review screen for the name in the URL, or a form asking for it."""
        return await self._page(request, "review")

    async def _page(self, request: web.Request, screen: str) -> web.StreamResponse:
        given = request.query.get("annotator")
        if given is None:
            return self._form(screen)
        try:
            name = self._allowed(given)
        except ServeError as err:
            return self._form(screen, str(err), status=403 if self.annotators else 400)
        base = self.public_url.rstrip("/")
        scheme = "wss" if base.startswith("https") else "ws"
        socket = f"{scheme}:{base.split(':', 1)[1]}/ws/{screen}/{quote(name, safe='')}"
        context = {
            "font_size": _int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": socket,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": f"factcheck {screen}: {name}"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def _form(self, screen: str, error: str = "", status: int = 200) -> web.Response:
        if self.annotators:
            options = "".join(f"<option>{html.escape(n)}</option>" for n in self.annotators)
            field = f'<select id="annotator" name="annotator">{options}</select>'
        else:
            field = '<input id="annotator" name="annotator" autofocus required maxlength="64">'
        prompt = "Adjudicate as" if screen == "review" else "Your name"
        page = FORM.format(
            title=html.escape(screen),
            error=f'<p class="error">{html.escape(error)}</p>' if error else "",
            prompt=prompt,
            field=field,
        )
        return web.Response(text=page, content_type="text/html", status=status)

    def _allowed(self, given: str) -> str:
        name = check_name(given)
        if self.annotators is not None and name not in self.annotators:
            raise ServeError(f"{name!r} is not on this server's list of annotators")
        return name

    # -- sessions ------------------------------------------------------------------------------

    async def handle_session(self, request: web.Request) -> web.StreamResponse:
        """Run the screen for the named annotator in its own process, over the websocket."""
        screen = request.match_info["screen"]
        try:
            if screen not in SCREENS:
                raise ServeError(f"no such screen: {screen}")
            name = self._allowed(unquote(request.match_info["name"]))
        except ServeError as err:
            raise web.HTTPForbidden(text=str(err)) from None
        command = session_command(screen, name, self.db_path, self.keymap_path)
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width", "80"), 80)
        height = _int(request.query.get("height", "24"), 24)
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one broken session must not stop the others
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
        return websocket


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def serve(db_path: str, host: str, port: int, **options: Any) -> None:
    """Serve until interrupted (Ctrl+C)."""
    FactcheckServer(db_path, host, port, **options).serve()
