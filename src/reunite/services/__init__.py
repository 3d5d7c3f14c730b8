"""Use cases shared by the CLI and the web application. Functions take keyword arguments."""
