"""Views of the evaluation app, a module per sub-domain."""
