./benchmarks/run catalog-search
