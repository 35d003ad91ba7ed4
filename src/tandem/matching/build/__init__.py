"""What builds the engine's Problem from the database: the program's enrolments as arrays
(``problem``), the pairs that come from outside them (``pairsets``), the reporting trees
(``tree``) and the weekly availability masks (``availability``)."""
