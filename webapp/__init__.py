"""Tandem: peer partnerships for teachers."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, CLI commands."""
    import os

    instance = os.environ.get("TANDEM_INSTANCE_PATH")
    if test_config and test_config.get("INSTANCE_PATH"):
        instance = test_config["INSTANCE_PATH"]
    app = Flask(__name__, instance_relative_config=True,
                instance_path=str(Path(instance).resolve()) if instance else None)
    # The instance folder holds the database, the secret key and mail: owner only.
    Path(app.instance_path).mkdir(mode=0o700, parents=True, exist_ok=True)
    config.load(app, test_config)

    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from . import database, drafts, errors, i18n, once, security
    from .extensions import csrf, htmx
    from .ids import BoundedIntConverter

    # Before any route is added: every <int:...> refuses ids the database cannot hold.
    app.url_map.converters["int"] = BoundedIntConverter

    database.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    once.init_app(app)
    drafts.init_app(app)
    # The program models are checked now: a broken model file stops the app here.
    from .programs import presets
    presets.init_app(app)

    from .admin import bp as admin_bp
    from .auth import bp as auth_bp
    from .calendars import bp as calendars_bp
    from .dashboard import bp as dashboard_bp
    from .main import bp as main_bp
    from .partnerships import bp as partnerships_bp
    from .programs import bp as programs_bp
    from .progress import bp as progress_bp
    from .records import bp as records_bp
    from .records.verify import bp as verify_bp
    from .reminders import bp as reminders_bp
    from .matching.views import bp as matching_bp
    from .targets import bp as targets_bp
    from .visits import bp as visits_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(partnerships_bp)
    app.register_blueprint(programs_bp)
    app.register_blueprint(visits_bp)
    app.register_blueprint(calendars_bp)
    app.register_blueprint(records_bp)
    app.register_blueprint(verify_bp)
    app.register_blueprint(reminders_bp)
    app.register_blueprint(matching_bp)
    app.register_blueprint(targets_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(progress_bp)

    from . import cli, jobs

    jobs.init_app(app)
    cli.init_app(app)
    return app
