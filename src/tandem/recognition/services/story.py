"""The program story for the internal newsletter, in Markdown and HTML: objective, key
figures (k ≥ 5 applied by the metrics layer) and the published testimonials."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.insights.services import metrics
from tandem.insights.services.presentation import key_figures
from tandem.programs.models import Program
from tandem.recognition.services.testimonials import attribution, published


def context(program: Program) -> dict:
    m = metrics.for_program(program)
    return {
        "program": program,
        "figures": key_figures(m),
        "testimonials": [(t.text, attribution(t)) for t in published(program)],
        "hidden_note": _("Figures over fewer than 5 people are not shown."),
    }


def markdown(program: Program) -> str:
    c = context(program)
    lines = [f"# {program.name}", "", program.objective or "", "", f"## {_('Key figures')}", ""]
    lines += [f"- **{label}**: {value}" for label, value in c["figures"]]
    lines += ["", f"_{c['hidden_note']}_"]
    if c["testimonials"]:
        lines += ["", f"## {_('In their words')}", ""]
        for text, by in c["testimonials"]:
            quoted = "\n".join(f"> {line}" for line in text.splitlines())
            lines += [quoted, ">", f"> — {by}", ""]
    return "\n".join(lines).rstrip() + "\n"


def html(program: Program) -> str:
    return render_to_string("recognition/story.html", context(program))


def export(program: Program, actor, fmt: str) -> str:
    """The story in ``md`` or ``html``, with an audit event."""
    text = markdown(program) if fmt == "md" else html(program)
    record(actor, "recognition.story_exported", program, format=fmt)
    return text
