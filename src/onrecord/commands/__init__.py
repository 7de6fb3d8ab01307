"""The CLI's subcommands, one module each. Every module exposes ``register(subparsers)``,
which adds its parser(s) and sets ``func`` (``args -> exit code``) as the handler default."""

COMMANDS: tuple[str, ...] = ("extract", "eval", "train", "ingest", "query", "serve", "load")
