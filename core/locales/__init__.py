"""Message catalogues: one module per namespace, each with a ``MESSAGES`` dict.

See ``core.i18n`` for the format. Modules here are discovered automatically.
"""
