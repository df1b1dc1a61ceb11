./benchmarks/run audit-proof
