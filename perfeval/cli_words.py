"""click's own words — usage lines, help pages, headings and usage errors — from perfeval's catalogs.

click writes ``Usage:``, ``Options:``, ``Show this message and exit.`` and ``Error: No such option`` in
English (through the process-wide gettext, which perfeval never touches). The commands are made with the
classes here instead: they write their help from message ids, and the command group's :meth:`main` shows
every usage error from its structured fields (the option's name, the close matches, the parameter, the
value refused) in the language asked for. That language is read from the arguments before click parses
them, because ``--lang en`` may come after the mistake (``perfeval score --foo x.toml --lang en``).

>>> language_of(["score", "x.toml", "--foo", "--lang", "en"]), language_of(["score", "--lang=zh"])
('en', 'zh')
>>> language_of(["fmt", "--", "--lang", "en"])  # after "--" it is a value, not the option
'zh'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from .errors import display_width
from .i18n import N_, render

__all__ = ["LANG_KEY", "LocalizedCommand", "LocalizedGroup", "LocalizedOption", "Choice", "FilePath", "IntRange",
           "UsageRefusal", "ValueRefusal", "command_locale", "error_text", "keep_lang",
           "language_of"]

#: Where the language of one invocation is kept (``ctx.meta`` is shared by every context of it).
LANG_KEY = "perfeval.lang"


def language_of(args: Sequence[str]) -> str:
    """The ``--lang`` the arguments ask for (``"zh"`` or ``"en"``; the last one given wins, as in click),
    ``"zh"`` when there is none or its value is not ``en``. The machine's locale is never consulted."""
    lang = "zh"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = "en" if args[i + 1] == "en" else "zh"
        elif arg.startswith("--lang="):
            lang = "en" if arg[len("--lang="):] == "en" else "zh"
    return lang


def command_locale(ctx: click.Context | None) -> str:
    """The catalog locale of the invocation ``ctx`` belongs to: ``"en"`` or ``"zh_CN"``."""
    return "en" if ctx is not None and ctx.meta.get(LANG_KEY) == "en" else "zh_CN"


def keep_lang(ctx: click.Context, value: str) -> str:
    """The ``--lang`` callback: the language of the invocation, kept where help and errors find it
    (``ctx.meta`` is shared by every context of one invocation). Given to this command it is the one;
    not given, it is the one the arguments chose (``perfeval --lang en score …``), not the default."""
    if ctx.get_parameter_source("lang") not in (None, ParameterSource.DEFAULT) or LANG_KEY not in ctx.meta:
        ctx.meta[LANG_KEY] = value
    return str(ctx.meta[LANG_KEY])


class UsageRefusal(click.UsageError):
    """A usage error perfeval raises itself: a message id and its values, shown in the invocation's language.

    >>> UsageRefusal("cli_extra_arguments", args="a b").message
    '多余的参数：a b'
    """

    def __init__(self, msgid: str, ctx: click.Context | None = None, **params: Any) -> None:
        super().__init__(render(msgid, "zh_CN", **params), ctx)
        self.msgid = msgid
        self.params = params


class ValueRefusal(click.BadParameter):
    """A value a parameter's type refuses (a missing file, a choice not offered), by message id."""

    def __init__(self, msgid: str, ctx: click.Context | None, param: click.Parameter | None, **params: Any) -> None:
        super().__init__(render(msgid, "zh_CN", **params), ctx, param)
        self.msgid = msgid
        self.params = params


class FilePath(click.Path):
    """``click.Path`` whose refusals (no such path, a folder where a file is wanted) are catalogued."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The path, or a :class:`ValueRefusal`."""
        if isinstance(value, str):
            path = Path(value)
            if self.exists and not path.exists():
                raise ValueRefusal("cli_path_missing", ctx, param, name=value)
            if not self.dir_okay and path.is_dir():
                raise ValueRefusal("cli_path_is_folder", ctx, param, name=value)
        return super().convert(value, param, ctx)


class Choice(click.Choice):  # type: ignore[type-arg]
    """``click.Choice`` whose refusal is catalogued."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The choice, or a :class:`ValueRefusal` that lists the choices."""
        if isinstance(value, str) and value not in self.choices:
            raise ValueRefusal("cli_not_a_choice", ctx, param, value=value,
                               choices=", ".join(repr(c) for c in self.choices))
        return super().convert(value, param, ctx)


class IntRange(click.IntRange):
    """``click.IntRange`` (both ends given, included) whose refusals are catalogued."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The whole number, or a :class:`ValueRefusal`."""
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueRefusal("cli_not_an_integer", ctx, param, value=str(value)) from None
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            raise ValueRefusal("cli_out_of_range", ctx, param, value=number, low=self.min, high=self.max)
        return super().convert(value, param, ctx)


class LocalizedOption(click.Option):
    """An option whose help is the message id ``words`` (its Chinese kept as ``help`` for tools that read
    click's own fields, such as the mkdocs-click page of docs/cli.md)."""

    def __init__(self, *args: Any, words: str | None = None, **kwargs: Any) -> None:
        if words is not None:
            kwargs["help"] = render(words, "zh_CN")
        super().__init__(*args, **kwargs)
        self.words = words

    def help_in(self, ctx: click.Context, locale: str) -> str:
        """The help in ``locale``, with the default and the range as click shows them."""
        extra = []
        if self.show_default and self.default is not None and not callable(self.default):
            extra.append(render("cli_help_default", locale, default=self.default))
        if isinstance(self.type, click.IntRange) and self.type.min is not None and self.type.max is not None:
            extra.append(f"{self.type.min}<=x<={self.type.max}")
        words = render(self.words, locale) if self.words else self.help or ""
        return "  ".join(filter(None, [words, f"[{'; '.join(extra)}]" if extra else ""]))


_TOKEN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")
_NO_LINE_START = set("，。；：、）》」』？！")


def _wide(text: str) -> bool:
    return display_width(text) != len(text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a Chinese character takes two), broken between
    Chinese characters or at spaces, never before closing punctuation (，。） …).

    >>> _wrap("显示本帮助并退出。", 10), _wrap("显示本帮助。", 10)
    (['显示本帮助', '并退出。'], ['显示本帮', '助。'])
    """
    lines: list[str] = []
    line, space = "", ""
    for token in _TOKEN.findall(text):
        if token.isspace():
            space = " " if line else ""
            continue
        if line and display_width(line + space + token) > width:
            if token in _NO_LINE_START and not space and len(line) > 1:
                lines.append(line[:-1])  # closing punctuation takes the character before it along
                line = line[-1] + token
            else:
                lines.append(line)
                line = token
        else:
            line = line + space + token
        space = ""
    return [*lines, line] if line else lines


class _Formatter(click.HelpFormatter):
    """Headings as the catalog writes them, colon included (选项： / Options:); Chinese text wrapped by the
    columns it takes (click counts characters, so a line of Chinese would run to twice the width)."""

    def write_heading(self, heading: str) -> None:
        """Write ``heading`` at the current indentation."""
        self.write(f"{'':>{self.current_indent}}{heading}\n")

    def write_text(self, text: str) -> None:
        """Write ``text`` re-wrapped at the current indentation."""
        if not _wide(text):
            return super().write_text(text)
        indent = " " * self.current_indent
        for line in _wrap(text, max(self.width - self.current_indent, 20)):
            self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """A definition list (options, commands), its second column wrapped by the columns it takes."""
        rows = list(rows)
        if not any(_wide(second) for _, second in rows):
            return super().write_dl(rows, col_max, col_spacing)
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrap(second, max(self.width - first_col - 2, 10)) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class _Context(click.Context):
    formatter_class = _Formatter


class LocalizedCommand(click.Command):
    """A command whose usage line, help and headings come from the catalogs (``words``: its help's id).

    When it is the command run (the group, or a command run on its own), :meth:`main` shows every click
    error in the language of the arguments, exit status as click's (2 for a usage error).
    """

    context_class = _Context

    def __init__(self, *args: Any, words: str | None = None, **kwargs: Any) -> None:
        if words is not None:
            kwargs["help"] = render(words, "zh_CN")
        super().__init__(*args, **kwargs)
        self.words = words

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the command; an error of click's is shown in the language asked for, then ``sys.exit``."""
        argv = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        locale = "en" if language_of(argv) == "en" else "zh_CN"
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo(render("cli_aborted", locale), err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(error_text(exc, locale), err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Note the language first (help and errors need it), then parse; extra arguments are refused by id."""
        if ctx.parent is None:
            ctx.meta.setdefault(LANG_KEY, language_of(args))
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as exc:
            # the parser raises some (an option's value missing or not wanted) without the context that
            # says which command, and so which usage line and which options
            exc.ctx = exc.ctx or ctx
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise UsageRefusal("cli_extra_arguments", ctx, args=" ".join(rest))
        return rest

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """``[选项]`` and the arguments' names (``命令 [参数]...`` for a group)."""
        locale = command_locale(ctx)
        pieces = [render("cli_usage_options", locale)]
        for param in self.get_params(ctx):
            pieces += param.get_usage_pieces(ctx)
        if isinstance(self, click.Group):
            pieces.append(render("cli_usage_command", locale))
        return pieces

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line, after 用法： / Usage:."""
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              render("cli_usage", command_locale(ctx)))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's help, in the invocation's language."""
        text = render(self.words, command_locale(ctx)) if self.words else self.help
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each option with its help in the invocation's language (the help and version options too)."""
        locale = command_locale(ctx)
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or isinstance(param, click.Argument):
                continue
            if param is self.get_help_option(ctx):
                words = render("cli_opt_help", locale)
            elif isinstance(param, LocalizedOption):
                words = param.help_in(ctx, locale)
            else:
                words = record[1]
            rows.append((record[0], words))
        if rows:
            with formatter.section(render("cli_heading_options", locale)):
                formatter.write_dl(rows)


class LocalizedGroup(LocalizedCommand, click.Group):
    """A command group like :class:`LocalizedCommand`, whose commands are made as LocalizedCommand."""

    command_class = LocalizedCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, then each command with its help."""
        super().format_options(ctx, formatter)
        locale = command_locale(ctx)
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                words = getattr(cmd, "words", None)
                rows.append((name, render(words, locale) if words else cmd.get_short_help_str()))
        if rows:
            with formatter.section(render("cli_heading_commands", locale)):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command named; none named (``perfeval --``) is a usage error by id."""
        # click 8.2 keeps the command's name in ``_protected_args``, 8.1 in ``protected_args``
        named = vars(ctx).get("_protected_args", vars(ctx).get("protected_args"))
        if not ctx.args and not named:
            raise UsageRefusal("cli_missing_command", ctx)
        return super().invoke(ctx)


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint is not None:
        return exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(repr(h) for h in exc.param_hint)
    return exc.param.get_error_hint(exc.ctx) if exc.param is not None else ""


def _message(exc: click.ClickException, locale: str) -> str:
    """The words of one click error, from its fields."""
    if isinstance(exc, UsageRefusal | ValueRefusal):
        words = render(exc.msgid, locale, **exc.params)
        return render("cli_bad_value", locale, name=_hint(exc), why=words) if isinstance(exc, ValueRefusal) else words
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        msgid = {"argument": N_("cli_missing_argument"), "option": N_("cli_missing_option")}.get(
            kind, N_("cli_missing_parameter"))
        return render(msgid, locale, name=_hint(exc))
    if isinstance(exc, click.BadParameter):  # a type perfeval does not wrap: click's words, quoted
        return render("cli_bad_value", locale, name=_hint(exc), why=repr(exc.message))
    # NoSuchCommand is click 8.4's; before it, an unknown command was a plain UsageError
    no_such_command = getattr(click.exceptions, "NoSuchCommand", click.NoSuchOption)
    if isinstance(exc, click.NoSuchOption) or isinstance(exc, no_such_command):
        name = exc.option_name if isinstance(exc, click.NoSuchOption) else exc.command_name
        words = render("cli_no_such_option" if isinstance(exc, click.NoSuchOption) else "cli_no_such_command",
                       locale, name=name)
        if exc.possibilities:
            names = ", ".join(repr(p) for p in sorted(exc.possibilities))
            words += render("cli_did_you_mean", locale, names=names)
        return words
    if isinstance(exc, click.BadOptionUsage):
        option = _option(exc.ctx, exc.option_name)
        flag = option is not None and option.is_flag
        return render("cli_option_takes_no_value" if flag else "cli_option_needs_value", locale, name=exc.option_name)
    if isinstance(exc, click.FileError):
        return render("cli_cannot_open", locale, name=exc.ui_filename, why=exc.message)
    return render("cli_click_error", locale, detail=exc.message)


def _option(ctx: click.Context | None, name: str) -> click.Option | None:
    if ctx is None:
        return None
    return next((p for p in ctx.command.get_params(ctx) if isinstance(p, click.Option)
                 and name in (*p.opts, *p.secondary_opts)), None)


def error_text(exc: click.ClickException, locale: str = "zh_CN") -> str:
    """What a command prints for a click error: the usage line, where to find help, then the error.

    A command group run with no arguments prints its help (already in the invocation's language).
    """
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())
    if isinstance(exc, no_args):
        return str(exc.message)
    lines = []
    ctx = exc.ctx if isinstance(exc, click.UsageError) else None
    if ctx is not None:
        lines.append(ctx.get_usage())
        names = ctx.command.get_help_option_names(ctx) if ctx.command.get_help_option(ctx) is not None else []
        if names:
            lines.append(render("cli_try_help", locale, command=ctx.command_path, option=max(names, key=len)))
        lines.append("")
    lines.append(render("cli_error", locale, message=_message(exc, locale)))
    return "\n".join(lines)
