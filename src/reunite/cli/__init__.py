"""The `reunite` command line: Typer commands, each a thin call into the services."""

from reunite.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
