"""Streaming layer: the Faust app and agents. Thin: the detection core does the work."""
