"""Audit campaigns: the single-mailbox scan run for many consenting owners on Dask, one report."""
