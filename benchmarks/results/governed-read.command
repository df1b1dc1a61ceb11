./benchmarks/run governed-read
