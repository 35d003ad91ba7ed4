"""The people layer announces directory group changes; this app applies the rules."""

from django.dispatch import receiver

from tandem.people.signals import directory_group_changed
from tandem.programs.services.directory_groups import on_group_changed


@receiver(directory_group_changed, dispatch_uid="programs.directory_groups")
def apply_group_rules(sender, directory, before, after, actor=None, **kwargs) -> None:
    on_group_changed(directory, before, after, actor)
