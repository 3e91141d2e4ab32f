"""Helpers behind ``render.py``: render settings, source fingerprints, the worker
processes, captions, and the PyAV joining of clips into the full video.

The command line and the build orchestration live in ``render.py``; nothing here
imports manim at module level, so the command line answers bad input instantly.
"""
