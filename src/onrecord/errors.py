"""Errors a user can cause, reported as one clear line, never as a traceback."""


class OnrecordError(Exception):
    """Base class for errors that are reported to the user as a message."""


class InputError(OnrecordError):
    """A document cannot be read: missing, a directory, binary, undecodable, too long."""
