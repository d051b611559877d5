"""What the services raise when input breaks a rule of the directory; the API maps it to problem+json."""


class ValidationFailed(Exception):
    """Input that is well-formed but breaks a rule of the directory (a missing reference, a clash)."""

    def __init__(self, errors: dict, status: int = 422, detail: str | None = None):
        super().__init__(detail or "The request has invalid fields.")
        self.errors = errors
        self.status = status
        self.detail = detail or "The request has invalid fields."


def flatten_errors(messages, location: str | None = None, prefix: str = "") -> list[dict]:
    """Turn marshmallow's nested message dicts into a flat list naming each failing field by its path."""
    found: list[dict] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            elif key == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            found.extend(flatten_errors(value, location, path))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        for message in messages:
            found.append({"location": location, "field": prefix or None, "message": message})
    elif isinstance(messages, list):
        for item in messages:
            found.extend(flatten_errors(item, location, prefix))
    else:
        found.append({"location": location, "field": prefix or None, "message": str(messages)})
    return [{k: v for k, v in error.items() if v is not None} for error in found]
