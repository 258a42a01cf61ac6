"""DOCX templates filled with docxtpl (python-docx and Jinja), in Jinja's sandbox.

Admins upload the templates; the sandbox and a context of plain values (``ttdn.documents.context``)
keep a template from reaching anything but what it is given.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from ttdn.documents.context import PLACEHOLDERS
from ttdn.documents.errors import DocumentError


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=False)  # docxtpl escapes the values for XML itself


def _load(source: IO[bytes] | bytes) -> DocxTemplate:
    data = source if isinstance(source, bytes) else source.read()
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()  # docxtpl opens the file lazily: open it here, to refuse it here
        return template
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(_("The file is not a DOCX document.")) from error


def placeholders_of(source: IO[bytes] | bytes) -> set[str]:
    """The top-level names the template uses; a syntax error is refused with its line."""
    template = _load(source)
    try:
        return set(template.get_undeclared_template_variables(jinja_env=_environment()))
    except TemplateSyntaxError as error:
        raise DocumentError(
            _("The template has a placeholder error: %(error)s.") % {"error": error.message}
        ) from error


def template_check(source: IO[bytes] | bytes) -> None:
    """Refuse a template that uses a placeholder the context does not fill, naming it."""
    unknown = sorted(placeholders_of(source) - set(PLACEHOLDERS))
    if unknown:
        raise DocumentError(
            _("The template uses placeholders that do not exist: %(names)s.") % {"names": ", ".join(unknown)}
        )


def summary_check(text: str) -> None:
    """The same check for a template's summary line."""
    try:
        used = meta.find_undeclared_variables(_environment().parse(text))
    except TemplateSyntaxError as error:
        raise DocumentError(
            _("The summary line has a placeholder error: %(error)s.") % {"error": error.message}
        ) from error
    unknown = sorted(used - set(PLACEHOLDERS))
    if unknown:
        raise DocumentError(
            _("The summary line uses placeholders that do not exist: %(names)s.")
            % {"names": ", ".join(unknown)}
        )


def render_docx(source: IO[bytes] | bytes, context: dict[str, Any]) -> bytes:
    template = _load(source)
    try:
        template.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as error:  # a syntax error, or the sandbox refusing an attribute
        raise DocumentError(
            _("The template has a placeholder error: %(error)s.") % {"error": error.message}
        ) from error
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def render_text(text: str, context: dict[str, Any]) -> str:
    """A one-line template (a template's summary line) with the same placeholders."""
    try:
        return _environment().from_string(text).render(context).strip()
    except TemplateError as error:
        raise DocumentError(
            _("The summary line has a placeholder error: %(error)s.") % {"error": error.message}
        ) from error
