"""School-record documents: the partnership plan, the visitation form and the reflection
record as Word (docx.py) and PDF (pdf.py), and the records packet (packet.py).

context.py turns a partnership or visit into a plain dict; the renderers take that dict
and return bytes. Nothing here reads the request, the session or the signed-in user:
the views decide who may download what and pass `include_cycles` accordingly.
"""
