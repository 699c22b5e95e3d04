"""Helpers shared by the forms of every app."""


def add_service_errors(form, error):
    """Show a service's ``ValidationError`` on ``form``: each message beside the field it names when the
    form has that field, otherwise above the form. Takes a plain message, a list or a dict of them.
    The form stays bound, so nothing the person typed is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
