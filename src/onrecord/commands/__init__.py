"""The CLI's subcommands, one module each. Every module in ``COMMANDS`` exposes
``register(subparsers)``, which adds its parser(s) and sets ``func`` (``args -> exit code``)
as the handler default.

The other modules are what the commands share: ``options`` (arguments several commands
take), ``exits`` (the exit statuses), ``progress`` (the progress bar and spinner),
``render`` and ``highlight`` (records on the terminal), and ``ingest_dask`` (the
``--engine dask`` half of ``ingest``)."""

COMMANDS: tuple[str, ...] = (
    "extract", "eval", "train", "ingest", "query", "audit", "claims", "serve", "load",
)  # fmt: skip
