"""marshmallow schemas: the HTTP contracts of the survey service."""
