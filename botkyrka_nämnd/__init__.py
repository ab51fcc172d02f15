"""Botkyrka nämnd: an offline reader for kallelser and handlingar of a Swedish municipal committee."""

__version__ = "0.1.0"
APP_NAME = "botkyrka-namnd"
APP_DISPLAY_NAME = "Botkyrka nämnd"
