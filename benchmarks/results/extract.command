./benchmarks/run extract
