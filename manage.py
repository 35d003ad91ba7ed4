#!/usr/bin/env python
"""Same as the ``tandem`` command, for those used to Django."""

from tandem.__main__ import main

if __name__ == "__main__":
    main()
