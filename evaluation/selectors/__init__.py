"""Read-side queries of the evaluation app, a module per sub-domain."""
