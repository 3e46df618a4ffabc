"""One catalogue of errors with stable codes, in the manner of spaCy's ``Errors``.

The library raises :class:`GongkaiError` (or a subclass) with a message taken
from :class:`Errors`; it never prints.  A code never changes meaning once
released, so scripts and the batch manifest can match on it.
"""
from __future__ import annotations


class Errors:
    E001 = "{path}: file not found"
    E002 = "{path}: cannot read file: {reason}"
    E003 = "{path}: file is empty"
    E004 = "{path}: content is binary ({reason}), not a report in any supported form"
    E005 = "{path}: cannot decode text: tried {tried}"
    E006 = "{path}: unsupported file format: {reason}"
    E007 = "{path}: HTML could not be parsed: {reason}"
    E008 = "{path}: file is larger than the limit ({size} bytes > {limit} bytes)"
    E010 = "{path}: DOCX could not be read: {reason}"
    E011 = "{path}: PDF could not be read: {reason}"
    E012 = "{path}: PDF has no text layer on any page (scanned?); OCR is needed"
    E013 = "{path}: {format} files are not supported: {reason}"
    E014 = "{path}: reading took longer than the limit of {seconds} s"
    E020 = "configuration file {path}: {reason}"
    E021 = "configuration file {path}, entry {entry}: {reason}"
    E030 = "{path}, line {line}: invalid JSON input: {reason}"
    E031 = "{path}, line {line}: missing field '{field}'"
    E040 = "model file {path}: {reason}"
    E041 = "{name} is not fitted yet: call fit() first"
    E050 = "invalid argument {name}={value!r}: {reason}"
    E060 = "not a number expression: {text!r} ({reason})"
    E070 = "{what} not found: {key}"
    E071 = ("conflict: {reviewer} saved this item at {at} (version {current}; you opened version {expected}); "
            "your change was not saved and is still on your screen: reload to see theirs, then decide again")
    E072 = "invalid request: {reason}"
    E073 = "not signed in: sign in with your name and token"
    E074 = "sign-in failed: unknown reviewer or wrong token"
    E075 = "cross-site request refused: {reason}"
    E076 = "{path}: not a review database ({reason})"
    E077 = "{source}: cannot import: {reason}"
    E078 = "nothing to undo for {reviewer}"
    E079 = "cannot undo: {reviewer} changed this item at {at}, after your decision; their work is kept"
    E090 = "{path}: cannot audit this run folder: {reason}"
    E100 = "{path}: processing took longer than the limit of {seconds} s"
    E101 = "{path}: the worker process died while processing this file ({reason})"
    E102 = "{path}: internal error while processing ({reason})"
    E103 = "batch input {input!r}: {reason}"
    E104 = "manifest {path}, line {line}: {reason}"
    E105 = "output folder {path}: {reason}"
    E106 = "batch run: {reason}"


class GongkaiError(Exception):
    """Base class of every error the library raises on purpose."""

    def __init__(self, template: str, **fields: object) -> None:
        code = next((name for name, value in vars(Errors).items() if value == template), "E000")
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + template.format(**fields))


class InputError(GongkaiError):
    """An input file is unreadable or not in a supported form (a per-file failure)."""


class ConfigError(GongkaiError):
    """A file under ``configs/`` is malformed; a programming or packaging error."""


class UnprocessableInput(InputError):
    """A readable file that yields no report text, with the status it gets in the output.

    ``status`` is ``"needs_ocr"`` (a scanned PDF without a text layer) or
    ``"unsupported"`` (a known but unsupported format such as .doc or .wps).
    """

    def __init__(self, template: str, *, status: str, **fields: object) -> None:
        self.status = status
        super().__init__(template, **fields)


class ReviewError(GongkaiError):
    """A request the review tool refuses; ``status`` is the HTTP status the web app answers with."""

    def __init__(self, template: str, *, status: int, **fields: object) -> None:
        self.status = status
        super().__init__(template, **fields)
