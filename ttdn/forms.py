from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form field with the project's own markup (templates/forms/)."""

    field_template_name = "forms/field.html"
