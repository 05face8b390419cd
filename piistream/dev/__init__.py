"""Development tooling: the embedded Apache Kafka broker (``broker``), the demos (``demo``), the
benchmarks (``bench_scan``, ``bench_stream``, ``bench_models``) and the benchmark report
(``report``). May import every layer but the command line.
"""
