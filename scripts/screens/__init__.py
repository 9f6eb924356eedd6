"""Scenes the docs' screenshots are made from that need their own data: forms and participant
mode, the work around a call, and peer review. ``scripts/screenshots.py`` renders them after its
own screens; the tests render them too, to keep them working."""
