"""The main window's controllers: each owns one concern of the window (navigation, import, the secret
lock's UI, view size and settings) and talks to the views the window builds; the window only lays out
and wires them."""
