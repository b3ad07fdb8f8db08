"""Review of a client's history and of the practice: plain-Python chart and report models.

Nothing here draws: `app/` paints these models on screen and into the PDF, and the
Markdown report reads them too, so every picture and every file tells one story.
"""
