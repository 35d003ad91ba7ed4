"""The ``tandem`` command: Django's ``manage.py`` under the project's name."""

import os
import sys

from tandem.operations.text import bad_character, codepoint

CODE_COMMANDS = ("shell",)


def refuse_bad_arguments(args: list[str]) -> str | None:
    """Arguments are one line of text each: a control character (a line break pasted into a
    name…) is refused before anything runs, naming the argument. ``tandem shell -c`` takes
    Python code, whose lines and indentation are its own (NUL is still refused)."""
    one_line = not args or args[0] not in CODE_COMMANDS
    for index, arg in enumerate(args, start=1):
        char = bad_character(arg, one_line=one_line)
        if char is not None:
            return (
                f"tandem: argument {index} ({arg!r}) contains a control character "
                f"({codepoint(char)}); arguments are one line of text without control characters."
            )
    return None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    problem = refuse_bad_arguments(sys.argv[1:])
    if problem:
        sys.stderr.write(problem + "\n")
        sys.exit(2)
    # Django loads only for arguments that passed: a refused command answers at once.
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tandem", *sys.argv[1:]])


if __name__ == "__main__":
    main()
