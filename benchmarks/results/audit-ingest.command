./benchmarks/run audit-ingest
