"""The archive's web pages: pure rendering helpers, page queries and SVG charts, used by the
Datasette plugin in plugins/archive_site.py and by the static publisher."""
