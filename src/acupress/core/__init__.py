"""The pure core: no I/O, no clock, no globals. Time and knowledge are passed in."""
