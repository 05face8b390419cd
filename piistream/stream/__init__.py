"""The streaming layer: the Faust app and agents (``app``, ``lanes``, ``faust_private``), the
routing of a batch into outputs (``pipeline``), the detection processes (``engine``), replay
(``replay``) and the worker's metrics (``metrics``). Thin: the cascade does the work. May import
``cascade``, ``config``, ``io``, ``models`` and ``topics``; never ``train`` or ``dev``.
"""
