"""The ``patentshield`` command: assembles every capability's commands (the CLI edge)."""
