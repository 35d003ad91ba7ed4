"""What a SCIM directory's group means for a program: its members are the program's pool of
mentors or mentees, or its managers or coaches. Rules are kept by group name, so one can be
written before the directory first sends the group; see ``services/directory_groups.py``."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class GroupMapping(models.Model):
    class Kind(models.TextChoices):
        MENTOR = "mentor", _("enrolled as mentors")
        MENTEE = "mentee", _("enrolled as mentees")
        MANAGER = "manager", _("program managers")
        COACH = "coach", _("coaches")

    directory = models.ForeignKey(
        "people.Directory",
        on_delete=models.CASCADE,
        related_name="group_mappings",
        verbose_name=_("directory"),
    )
    group_name = models.CharField(_("group name"), max_length=255)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="group_mappings",
        verbose_name=_("program"),
    )
    kind = models.CharField(_("members become"), max_length=8, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "programs"
        ordering = ["directory_id", "group_name", "program_id", "kind"]
        verbose_name = _("directory group rule")
        verbose_name_plural = _("directory group rules")
        constraints = [
            models.UniqueConstraint(
                Lower("group_name"), "directory", "program", "kind", name="one_rule_per_group_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.directory} · {self.group_name} → {self.program} ({self.kind})"
