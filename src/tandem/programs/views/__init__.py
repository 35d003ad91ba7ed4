"""The program manager's pages (thin: they call ``programs.services``)."""
