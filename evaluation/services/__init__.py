"""The evaluation app's services, a module per sub-domain; every name imports from ``evaluation.services``."""
