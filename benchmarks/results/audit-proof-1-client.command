BENCH_CLIENTS=1 ./benchmarks/run audit-proof
