./benchmarks/run footprint
