"""``tandem suggest PROGRAM EMPLOYEE_ID [--format json]``: a person's best available partners."""

import json

from django.core.management.base import BaseCommand, CommandError

from tandem.matching.errors import MatchingError
from tandem.matching.management.commands._lookup import person_or_error, program_or_error
from tandem.matching.services.suggestions import suggest


class Command(BaseCommand):
    help = "Suggest the best available partners of one enrolled person, with why."

    def add_arguments(self, parser):
        parser.add_argument("program", help="program slug")
        parser.add_argument("employee_id")
        parser.add_argument("--count", type=int, default=5, help="how many (default 5)")
        parser.add_argument("--role", choices=["mentor", "mentee"], default=None)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        program = program_or_error(options["program"])
        person = person_or_error(options["employee_id"])
        try:
            found = suggest(program, person, max(1, options["count"]), role=options["role"])
        except MatchingError as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            data = {
                "program": program.slug,
                "employee_id": person.employee_id,
                "role": found.role,
                "suggestions": [
                    {
                        "employee_id": s.employee_id,
                        "full_name": s.full_name,
                        "score": s.score,
                        "reasons": s.reasons,
                    }
                    for s in found.suggestions
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{person.full_name} ({person.employee_id}) · {found.role}")
        for s in found.suggestions:
            self.stdout.write(f"  {s.score:>6}  {s.full_name} ({s.employee_id})")
            for reason in s.reasons:
                self.stdout.write(f"          - {reason}")
