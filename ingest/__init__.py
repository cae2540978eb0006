"""Ingest raw news-article text files into a SQLite archive served by Datasette."""

__version__ = "0.1.0"
