./benchmarks/run policy-decision
