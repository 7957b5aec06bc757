"""The WSGI entry point: `gunicorn wsgi:app` (settings come from TANDEM_* variables)."""
from webapp import create_app

app = create_app()
