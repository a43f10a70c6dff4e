"""The Brief page's words (strings.py), its worded lines (text.py) and its renderings: plain text, Markdown and a
Word document (render.py)."""
