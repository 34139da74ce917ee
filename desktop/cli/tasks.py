"""Registry and task commands: subject, event, tasks, task, template."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.alerts import read_document
from desktop.cli.context import Context
from desktop.cli.grammar_words import date_value
from models.station.clock import station_today
from models.tasks import agenda, handling, load, registry, schedule, templates


def register(sub: Any) -> None:
    _subjects(sub)
    _events(sub)
    _tasks(sub)
    _task(sub)
    p = sub.add_parser("template", help="standard task templates (任务标准件)")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s.add_parser("list", help="the templates in force").set_defaults(handler=cmd_templates)
    a = s.add_parser("save", help="add a template or a new version of one, from JSON")
    a.add_argument("file", metavar="FILE|-")
    a.set_defaults(handler=cmd_template_save)


def _subjects(sub: Any) -> None:
    p = sub.add_parser("subject", help="the registry (台账): subjects, units, cases, orders")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help="register a record from a JSON object (FILE, or - for stdin)")
    a.add_argument("file", metavar="FILE|-")
    a.set_defaults(handler=cmd_subject_add)
    a = s.add_parser("from-alert", help="the case filed from an alert passed to the case team")
    a.add_argument("alert", metavar="ALERT")
    a.set_defaults(handler=cmd_subject_from_alert)
    a = s.add_parser("list", help="registry records")
    a.add_argument("--kind")
    a.add_argument("--beat")
    a.add_argument("--pending", action="store_true", help="flags waiting for leadership")
    a.set_defaults(handler=cmd_subject_list)
    a = s.add_parser("show", help="one record with its events and tasks")
    a.add_argument("id")
    a.add_argument("--unmask", action="store_true", help="name, ID and phone whole (audited)")
    a.add_argument("--reason", default="", help="why the record is unmasked (needed with --unmask)")
    a.set_defaults(handler=cmd_subject_show)
    a = s.add_parser("approve", help="approve a flag or its removal (leadership)")
    a.add_argument("id")
    a.set_defaults(handler=cmd_subject_decide, approve=True, reason="")
    a = s.add_parser("reject", help="turn down a flag or its removal, with a reason")
    a.add_argument("id")
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=cmd_subject_decide, approve=False)
    a = s.add_parser("unflag", help="ask to take a flag off from a day, with a reason")
    a.add_argument("id")
    a.add_argument("--on", required=True)
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=cmd_subject_unflag)


def _events(sub: Any) -> None:
    p = sub.add_parser("event", help="what happened to a record: visits, reports, filings …")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help="record an event from a JSON object (FILE, or - for stdin)")
    a.add_argument("file", metavar="FILE|-")
    a.set_defaults(handler=cmd_event_add)
    a = s.add_parser("correct", help="void an event and record it corrected")
    a.add_argument("id")
    a.add_argument("--on", help="the corrected day")
    a.add_argument("--note")
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=cmd_event_correct)


def _tasks(sub: Any) -> None:
    p = sub.add_parser("tasks", help="the agenda: tasks due, routed through the roster")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("due", help="tasks open on a day (default today)")
    a.add_argument("--date", type=date_value)
    a.add_argument("--officer")
    a.add_argument("--beat")
    a.add_argument("--team")
    a.add_argument("--overdue", action="store_true", help="only those past their deadline")
    a.set_defaults(handler=cmd_due)
    a = s.add_parser("regenerate", help="bring every prescribed task in line with the registry")
    a.add_argument("--until", type=date_value, help="generate as far as this day")
    a.set_defaults(handler=cmd_regenerate)
    a = s.add_parser("load", help="each officer's due tasks beside their days away")
    a.add_argument("--from", dest="start", type=date_value)
    a.add_argument("--days", type=int, default=30)
    a.set_defaults(handler=cmd_load)


def _task(sub: Any) -> None:
    p = sub.add_parser("task", help="one task: issue, take up, finish, cancel")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help="issue a directive task (指令任务)")
    a.add_argument("--title")
    a.add_argument("--due")
    a.add_argument("--opens")
    target = a.add_mutually_exclusive_group()
    target.add_argument("--beat")
    target.add_argument("--officer")
    target.add_argument("--team")
    a.add_argument("--template")
    a.add_argument("--content")
    a.add_argument("--data", metavar="FILE|-", help="the same fields as a JSON object")
    a.set_defaults(handler=cmd_task_add)
    a = s.add_parser("show", help="one task")
    a.add_argument("id")
    a.set_defaults(handler=cmd_task_show)
    a = s.add_parser("start", help="mark as being worked on")
    a.add_argument("id")
    a.set_defaults(handler=cmd_task_start)
    a = s.add_parser("done", help="done, with the officer's feedback")
    a.add_argument("id")
    a.add_argument("--note", required=True)
    a.add_argument("--on", help="the day it was done (default today)")
    a.set_defaults(handler=cmd_task_done)
    a = s.add_parser("cancel", help="cancel, with a reason")
    a.add_argument("id")
    a.add_argument("--reason", required=True)
    a.set_defaults(handler=cmd_task_cancel)


def cmd_subject_add(ctx: Context, args: argparse.Namespace) -> Any:
    document = read_document(args.file)
    actor = ctx.actor
    return ctx.run(lambda s: registry.add_subject(s, actor, document))


def cmd_subject_from_alert(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: registry.case_from_alert(s, actor, args.alert))


def cmd_subject_list(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: registry.list_subjects(s, actor, args.kind, args.beat, args.pending))


def cmd_subject_show(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: registry.show_subject(s, actor, args.id, args.unmask, args.reason))


def cmd_subject_decide(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: registry.decide_flag(s, actor, args.id, args.approve, args.reason))


def cmd_subject_unflag(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: registry.request_unflag(s, actor, args.id, args.on, args.reason))


def cmd_event_add(ctx: Context, args: argparse.Namespace) -> Any:
    document = read_document(args.file)
    actor = ctx.actor
    return ctx.run(lambda s: registry.add_event(s, actor, document))


def cmd_event_correct(ctx: Context, args: argparse.Namespace) -> Any:
    changes = {k: v for k, v in (("on", args.on), ("note", args.note)) if v is not None}
    actor = ctx.actor
    return ctx.run(lambda s: registry.correct_event(s, actor, args.id, changes, args.reason))


# what a person reads in the table; --json carries every field
AGENDA_COLUMNS = ("id", "kind", "title", "opens", "due", "beat", "assignee", "owner", "state",
                  "overdue", "rule")


def cmd_due(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    found = ctx.run(lambda s: agenda.tasks_due(s, actor, args.date, args.officer, args.beat,
                                               args.overdue, args.team))
    if ctx.as_json:
        return found
    return [{c: t[c] for c in AGENDA_COLUMNS} for t in found]


def cmd_regenerate(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: schedule.regenerate_station(s, actor, args.until))


def cmd_load(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: load.officer_load(
        s, actor, args.start or station_today(s, actor.station_id), args.days))


def cmd_task_add(ctx: Context, args: argparse.Namespace) -> Any:
    data: dict[str, Any] = read_document(args.data) if args.data else {}
    for key in ("title", "due", "opens", "beat", "officer", "team", "template", "content"):
        value = getattr(args, key)
        if value is not None:
            data[key] = value
    actor = ctx.actor
    return ctx.run(lambda s: handling.add_directive(s, actor, data))


def cmd_task_show(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handling.show_task(s, actor, args.id))


def cmd_task_start(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handling.start_task(s, actor, args.id))


def cmd_task_done(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handling.finish_task(s, actor, args.id, args.note, args.on))


def cmd_task_cancel(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: handling.cancel_task(s, actor, args.id, args.reason))


def cmd_templates(ctx: Context, args: argparse.Namespace) -> Any:
    actor = ctx.actor
    return ctx.run(lambda s: templates.list_templates(s, actor))


def cmd_template_save(ctx: Context, args: argparse.Namespace) -> Any:
    document = read_document(args.file)
    actor = ctx.actor
    return ctx.run(lambda s: templates.save_template(s, actor, document))
