"""Registry and task commands: subject, event, tasks, task, template."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.alerts import read_document
from desktop.cli.context import Context
from desktop.cli.grammar_words import date_value
from desktop.cli.help_words import spoken
from models.messages import word
from models.station.clock import station_today
from models.tasks import agenda, handling, load, registry, schedule, templates


def register(sub: Any) -> None:
    _subjects(sub)
    _events(sub)
    _tasks(sub)
    _task(sub)
    p = sub.add_parser("template", help=spoken(word("clihelp.template")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s.add_parser("list",
                 help=spoken(word("clihelp.template.list"))).set_defaults(handler=cmd_templates)
    a = s.add_parser("save", help=spoken(word("clihelp.template.save")))
    a.add_argument("file", metavar="FILE|-", help=spoken(word("clihelp.template.save.file")))
    a.set_defaults(handler=cmd_template_save)


def _subjects(sub: Any) -> None:
    p = sub.add_parser("subject", help=spoken(word("clihelp.subject")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help=spoken(word("clihelp.subject.add")))
    a.add_argument("file", metavar="FILE|-", help=spoken(word("clihelp.subject.add.file")))
    a.set_defaults(handler=cmd_subject_add)
    a = s.add_parser("from-alert", help=spoken(word("clihelp.subject.from_alert")))
    a.add_argument("alert", metavar="ALERT", help=spoken(word("clihelp.subject.from_alert.alert")))
    a.set_defaults(handler=cmd_subject_from_alert)
    a = s.add_parser("list", help=spoken(word("clihelp.subject.list")))
    a.add_argument("--kind", help=spoken(word("clihelp.subject.list.kind")))
    a.add_argument("--beat", help=spoken(word("clihelp.subject.list.beat")))
    a.add_argument("--pending", action="store_true",
                   help=spoken(word("clihelp.subject.list.pending")))
    a.set_defaults(handler=cmd_subject_list)
    a = s.add_parser("show", help=spoken(word("clihelp.subject.show")))
    a.add_argument("id", help=spoken(word("clihelp.subject.show.id")))
    a.add_argument("--unmask", action="store_true",
                   help=spoken(word("clihelp.subject.show.unmask")))
    a.add_argument("--reason", default="", help=spoken(word("clihelp.subject.show.reason")))
    a.set_defaults(handler=cmd_subject_show)
    a = s.add_parser("approve", help=spoken(word("clihelp.subject.approve")))
    a.add_argument("id", help=spoken(word("clihelp.subject.approve.id")))
    a.set_defaults(handler=cmd_subject_decide, approve=True, reason="")
    a = s.add_parser("reject", help=spoken(word("clihelp.subject.reject")))
    a.add_argument("id", help=spoken(word("clihelp.subject.reject.id")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.subject.reject.reason")))
    a.set_defaults(handler=cmd_subject_decide, approve=False)
    a = s.add_parser("unflag", help=spoken(word("clihelp.subject.unflag")))
    a.add_argument("id", help=spoken(word("clihelp.subject.unflag.id")))
    a.add_argument("--on", required=True, help=spoken(word("clihelp.subject.unflag.on")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.subject.unflag.reason")))
    a.set_defaults(handler=cmd_subject_unflag)


def _events(sub: Any) -> None:
    p = sub.add_parser("event", help=spoken(word("clihelp.event")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help=spoken(word("clihelp.event.add")))
    a.add_argument("file", metavar="FILE|-", help=spoken(word("clihelp.event.add.file")))
    a.set_defaults(handler=cmd_event_add)
    a = s.add_parser("correct", help=spoken(word("clihelp.event.correct")))
    a.add_argument("id", help=spoken(word("clihelp.event.correct.id")))
    a.add_argument("--on", help=spoken(word("clihelp.event.correct.on")))
    a.add_argument("--note", help=spoken(word("clihelp.event.correct.note")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.event.correct.reason")))
    a.set_defaults(handler=cmd_event_correct)


def _tasks(sub: Any) -> None:
    p = sub.add_parser("tasks", help=spoken(word("clihelp.tasks")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("due", help=spoken(word("clihelp.tasks.due")))
    a.add_argument("--date", type=date_value, help=spoken(word("clihelp.tasks.due.date")))
    a.add_argument("--officer", help=spoken(word("clihelp.tasks.due.officer")))
    a.add_argument("--beat", help=spoken(word("clihelp.tasks.due.beat")))
    a.add_argument("--team", help=spoken(word("clihelp.tasks.due.team")))
    a.add_argument("--overdue", action="store_true", help=spoken(word("clihelp.tasks.due.overdue")))
    a.set_defaults(handler=cmd_due)
    a = s.add_parser("regenerate", help=spoken(word("clihelp.tasks.regenerate")))
    a.add_argument("--until", type=date_value, help=spoken(word("clihelp.tasks.regenerate.until")))
    a.set_defaults(handler=cmd_regenerate)
    a = s.add_parser("load", help=spoken(word("clihelp.tasks.load")))
    a.add_argument("--from", dest="start", type=date_value,
                   help=spoken(word("clihelp.tasks.load.from")))
    a.add_argument("--days", type=int, default=30, help=spoken(word("clihelp.tasks.load.days")))
    a.set_defaults(handler=cmd_load)


def _task(sub: Any) -> None:
    p = sub.add_parser("task", help=spoken(word("clihelp.task")))
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = s.add_parser("add", help=spoken(word("clihelp.task.add")))
    a.add_argument("--title", help=spoken(word("clihelp.task.add.title")))
    a.add_argument("--due", help=spoken(word("clihelp.task.add.due")))
    a.add_argument("--opens", help=spoken(word("clihelp.task.add.opens")))
    target = a.add_mutually_exclusive_group()
    target.add_argument("--beat", help=spoken(word("clihelp.task.add.beat")))
    target.add_argument("--officer", help=spoken(word("clihelp.task.add.officer")))
    target.add_argument("--team", help=spoken(word("clihelp.task.add.team")))
    a.add_argument("--template", help=spoken(word("clihelp.task.add.template")))
    a.add_argument("--content", help=spoken(word("clihelp.task.add.content")))
    a.add_argument("--data", metavar="FILE|-", help=spoken(word("clihelp.task.add.data")))
    a.set_defaults(handler=cmd_task_add)
    a = s.add_parser("show", help=spoken(word("clihelp.task.show")))
    a.add_argument("id", help=spoken(word("clihelp.task.show.id")))
    a.set_defaults(handler=cmd_task_show)
    a = s.add_parser("start", help=spoken(word("clihelp.task.start")))
    a.add_argument("id", help=spoken(word("clihelp.task.start.id")))
    a.set_defaults(handler=cmd_task_start)
    a = s.add_parser("done", help=spoken(word("clihelp.task.done")))
    a.add_argument("id", help=spoken(word("clihelp.task.done.id")))
    a.add_argument("--note", required=True, help=spoken(word("clihelp.task.done.note")))
    a.add_argument("--on", help=spoken(word("clihelp.task.done.on")))
    a.set_defaults(handler=cmd_task_done)
    a = s.add_parser("cancel", help=spoken(word("clihelp.task.cancel")))
    a.add_argument("id", help=spoken(word("clihelp.task.cancel.id")))
    a.add_argument("--reason", required=True, help=spoken(word("clihelp.task.cancel.reason")))
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
