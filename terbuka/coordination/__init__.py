"""The coordination dashboard of a PPID Utama: the figures of every body of its hub in one
table (``hub``, ``columns``), its charts, the rakor PDF and the public transparency page."""
