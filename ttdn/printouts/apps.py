from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintoutsConfig(AppConfig):
    name = "ttdn.printouts"
    label = "printouts"
    verbose_name = _("Print-outs for guests")
