"""The desktop client (PySide6). The only package that imports Qt; it calls the core services and renders
their results. Entry point: :func:`botkyrka_nämnd.ui.app.run_gui`."""
