"""What the people layer announces for the apps above it (which may not be imported here).

``person_deactivated`` is sent inside the transaction that deactivates a person (by the SCIM
directory, the admin…): ``mentorships`` ends their open proposals and mentorships in it.
``directory_group_changed`` is sent when a directory group's name or members change:
``programs`` enrols or withdraws the members, or grants and removes roles, as configured.
"""

from django.dispatch import Signal

# person, actor, source ("scim", "admin", …)
person_deactivated = Signal()
# directory, before=(name, person ids), after=(name, person ids), actor
directory_group_changed = Signal()
