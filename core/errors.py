"""The exception that every user-facing check in ``core`` raises.

``ConfigError`` subclasses ``ValueError`` so callers that only know Keras's
convention (``except ValueError``) still catch it. Besides the English
message it carries a stable ``code`` and the ``params`` used to build the
message, so a page can show the same message in another language from its
catalogue entry ``errors.<code>``.
"""

from __future__ import annotations


class ConfigError(ValueError):
    """An invalid argument, named with what was expected and what was received.

    Args:
        code: Stable identifier of the kind of error, for example
            ``"not_positive"``. Pages look up ``errors.<code>`` in the
            message catalogue.
        message: The English message, in Keras's shape: the argument, what
            was expected, the value received and, where there is one, the fix.
        **params: The values that fill the message's placeholders. They are
            stored as given; pages format them into the translated message.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params
