"""Batch runs: many documents in, every one stored or recorded as an error.

``local`` is the runner behind ``onrecord ingest`` (one machine, a worker pool); ``partitions``
plans a distributed run's inputs and ``parquet`` writes and reads its output parts; ``cluster``
runs partitions on Dask; ``load`` brings parts (or records) into a store; ``chunks`` cuts a
stream into batches; ``workers`` says how many worker processes a run is worth. Library code
only: argument parsing, progress and exit statuses live in ``commands/``.
"""
