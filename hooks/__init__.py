"""The site's MkDocs hook, one module per concern; vagen.py wires them to MkDocs events."""
