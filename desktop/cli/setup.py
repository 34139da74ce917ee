"""``command-room setup``: the first-run wizard's questions as options."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.help_words import spoken
from models.errors import Refused
from models.messages import phrase, word
from models.station import founding
from models.station.clock import DEFAULT_ZONE, default_today


def register(sub: Any) -> None:
    p = sub.add_parser("setup", help=spoken(word("clihelp.setup")))
    p.add_argument("--station-name", help=spoken(word("clihelp.setup.station_name")))
    p.add_argument("--station-code", help=spoken(word("clihelp.setup.station_code")))
    p.add_argument("--issuer-prefix", default="", help=spoken(word("clihelp.setup.issuer_prefix")))
    p.add_argument("--timezone", default=DEFAULT_ZONE,
                   help=spoken(phrase("clihelp.setup.timezone", zone=DEFAULT_ZONE)))
    p.add_argument("--admin-name", default="admin", help=spoken(word("clihelp.setup.admin_name")))
    p.add_argument("--admin-password", help=spoken(word("clihelp.setup.admin_password")))
    p.add_argument("--admin-display-name", default="管理员",
                   help=spoken(word("clihelp.setup.admin_display_name")))
    p.add_argument("--demo", action="store_true", help=spoken(word("clihelp.setup.demo")))
    where = p.add_mutually_exclusive_group()
    where.add_argument("--data-folder", type=Path, help=spoken(word("clihelp.setup.data_folder")))
    where.add_argument("--room", metavar="URL", help=spoken(word("clihelp.setup.room")))
    p.add_argument("--tls", nargs="?", const="require", metavar="off|require|verify-full",
                   help=spoken(word("clihelp.setup.tls")))
    p.add_argument("--ca", metavar="FILE", help=spoken(word("clihelp.setup.ca")))
    p.add_argument("--crl", metavar="FILE", help=spoken(word("clihelp.setup.crl")))
    p.add_argument("--client-cert", metavar="FILE", help=spoken(word("clihelp.setup.client_cert")))
    p.add_argument("--client-key", metavar="FILE", help=spoken(word("clihelp.setup.client_key")))
    p.add_argument("--join", action="store_true", help=spoken(word("clihelp.setup.join")))
    p.add_argument("--remember", action="store_true", help=spoken(word("clihelp.setup.remember")))
    p.set_defaults(handler=cmd_setup)


def cmd_setup(ctx: Context, args: argparse.Namespace) -> dict[str, Any]:
    from desktop.cli.core import _new_password

    if (args.tls or args.join or args.ca or args.crl or args.client_cert or args.client_key) \
            and not args.room:
        raise Refused(word("setup.url_not_postgresql"), field="--room")
    if args.join:
        url = room_url(args)
        found = founding.try_connection(url)
        founding.check_set_up(url)
        joined: dict[str, Any] = {"ok": True, "joined": True,
                                  "database": founding.password_key(url)[0],
                                  **protection_of(found, ctx)}
        if args.remember:
            joined["remembered"] = remember(url, True)
        return joined
    if not args.demo and not (args.station_name and args.station_code):
        raise Refused(word("setup.cli_station_needed"), field="--station-code")
    station = founding.check_station(founding.StationAnswers(
        args.station_name or "", args.station_code or "", args.issuer_prefix, args.timezone)
    ) if not args.demo else None
    protection: founding.Protection | None = None
    if args.room:
        url = room_url(args)
        protection = founding.try_connection(url)
    elif args.data_folder:
        url = founding.workstation_url(args.data_folder)
    else:
        url = ctx.database.url
    admin = None
    if station is not None:
        founding.check_admin(founding.AdminAnswers(args.admin_name, "x", args.admin_display_name))
        password = _new_password(args.admin_password, phrase("cli.prompt_password", name=args.admin_name),
                                 ctx.language)
        admin = founding.AdminAnswers(args.admin_name, password, args.admin_display_name)
    engine = founding.open_database(url)
    try:
        if station is None:
            result = founding.load_demo(engine, default_today())
            said = phrase("setup.demo_done", password=result["password"])
        else:
            assert admin is not None
            result = founding.set_up(engine, station, admin)
            said = phrase("setup.done", station=result["station"], admin=result["admin"])
    finally:
        founding.close_database(engine)
    bare, _key = founding.password_key(url) if args.room else (url, "")
    result = {"ok": True, **result, "database": bare, "message": said}
    if protection is not None:
        result.update(protection_of(protection, ctx))
    if args.remember and (args.room or args.data_folder):
        result["remembered"] = remember(url, bool(args.room))
    return result


def room_url(args: argparse.Namespace) -> str:
    """The room's URL with the protection asked for: ``--tls`` alone is ``require``;
    without ``--tls`` the URL's own ``sslmode`` stands."""
    choice = founding.transport_choice(args.tls)
    if args.ca and choice != "verify-full":
        raise Refused(word("transport.ca_only_verify_full"), field="--ca")
    if args.crl and choice != "verify-full":
        raise Refused(word("tls.crl_only_verify_full"), field="--crl")
    if choice is None:
        if args.client_cert or args.client_key:
            choice = founding.transport_of(args.room).choice
            if choice == "off":
                choice = "require"
        else:
            return founding.room_url(args.room, None)
    known = founding.transport_of(args.room)
    return founding.room_url(args.room, founding.Transport(
        choice, args.ca or known.ca_file, args.client_cert or known.client_cert,
        args.client_key or known.client_key, args.crl or known.crl_file))


def protection_of(protection: Any, ctx: Context) -> dict[str, Any]:
    from models.messages import say

    return {"connection": say(protection.said(), ctx.language), "tls": protection.protocol,
            "server_identity_checked": protection.identity_checked,
            "certificates_expiring": [soon.as_record() for soon in protection.expiring]}


def remember(url: str, room: bool) -> Any:
    """The window opens this database from now on; a room's password goes to the keyring."""
    from desktop import credentials
    from desktop import settings as opts

    bare, key = founding.password_key(url)
    password = founding.url_password(url)
    saved: Any = True
    if room and password:
        try:
            credentials.save_database_password(key, password)
        except credentials.NoKeyring as exc:
            saved = exc.phrase
    opts.DATABASE_URL.set(opts.open_settings(), bare if room else url)
    return saved
