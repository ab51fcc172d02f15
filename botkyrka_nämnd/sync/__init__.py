"""Kallelser that arrive by themselves (issue 13): sources (a folder, a kommun's web page, an OParl 1.1
endpoint), the sync engine that fetches only what is new or changed and imports it through the normal
importer, and the publisher of a static OParl site. Qt-free; the window runs it in the background."""
