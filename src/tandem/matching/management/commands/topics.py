"""``tandem topics [--format json]``: the topic slugs HR teams type in enrolment files."""

import json

from django.core.management.base import BaseCommand

from tandem.people.models import Topic


class Command(BaseCommand):
    help = "List the active topics: slug, English and French names, and which side teaches."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        rows = list(
            Topic.objects.filter(is_active=True)
            .order_by("side", "slug")
            .values("slug", "name_en", "name_fr", "side")
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        width = max((len(r["slug"]) for r in rows), default=4)
        self.stdout.write(f"{'slug':<{width}}  side    English / French")
        for r in rows:
            self.stdout.write(
                f"{r['slug']:<{width}}  {r['side']:<6}  {r['name_en']} / {r['name_fr']}"
            )
