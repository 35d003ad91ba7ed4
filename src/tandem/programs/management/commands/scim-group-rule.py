"""``tandem scim-group-rule add DIRECTORY GROUP PROGRAM --as mentor|mentee|manager|coach``,
``remove`` (same arguments) and ``list [DIRECTORY]``: what a SCIM directory's groups mean in
programs, as on the directory's groups page."""

from django.core.management.base import BaseCommand, CommandError

from tandem.people.directories import Directory
from tandem.programs.directory_groups import GroupMapping
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services import directory_groups


class Command(BaseCommand):
    help = "Link a SCIM directory's group to a program's pool or role, unlink it, list links."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("add", "remove"):
            rule = sub.add_parser(name, help=f"{name} a rule")
            rule.add_argument("directory")
            rule.add_argument("group")
            rule.add_argument("program", help="the program's slug")
            rule.add_argument("--as", dest="kind", required=True, choices=GroupMapping.Kind.values)
        listing = sub.add_parser("list", help="list rules")
        listing.add_argument("directory", nargs="?")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except ProgramsError as exc:
            raise CommandError(str(exc)) from None

    def _targets(self, options):
        directory = Directory.objects.filter(name__iexact=options["directory"]).first()
        if directory is None:
            raise CommandError(f"No directory named {options['directory']}.")
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(f"No program with the slug {options['program']}.")
        return directory, program

    def _add(self, options):
        directory, program = self._targets(options)
        directory_groups.add_mapping(directory, options["group"], program, options["kind"], None)
        self.stdout.write(f"{options['group']} → {program.slug} ({options['kind']}) added.")

    def _remove(self, options):
        directory, program = self._targets(options)
        rule = GroupMapping.objects.filter(
            directory=directory,
            group_name__iexact=options["group"].strip(),
            program=program,
            kind=options["kind"],
        ).first()
        if rule is None:
            raise CommandError("No such rule.")
        directory_groups.remove_mapping(rule, None)
        self.stdout.write(f"{rule.group_name} → {program.slug} ({rule.kind}) removed.")

    def _list(self, options):
        rules = GroupMapping.objects.select_related("directory", "program")
        if options["directory"]:
            rules = rules.filter(directory__name__iexact=options["directory"])
        for rule in rules:
            self.stdout.write(
                f"{rule.directory.name}  {rule.group_name}  {rule.program.slug}  {rule.kind}"
            )
