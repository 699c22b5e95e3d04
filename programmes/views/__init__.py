"""Views of the programmes app, a module per sub-domain."""
