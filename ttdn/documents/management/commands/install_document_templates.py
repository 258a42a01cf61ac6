from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ttdn.documents.defaults import templates_install_defaults


class Command(BaseCommand):
    help = "Install the default document templates (Decree 30/2020 layout) that are missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update", action="store_true", help="Also add a new version to defaults whose file changed."
        )

    def handle(self, *args: Any, update: bool = False, **options: Any) -> None:
        for line in templates_install_defaults(update=update):
            self.stdout.write(line)
