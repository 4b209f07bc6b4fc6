"""patentshield: patent insurance for Chinese exporters facing US Section 337 investigations.

The package is organised by capability (see ``docs/architecture.md``): ``kernel`` holds the
shared values (errors, money, dates, settings, database); ``enterprises``, ``products``,
``subsidies`` and ``policies`` build on it; ``cli`` is the command-line edge.
"""

__version__ = "0.1.0"
