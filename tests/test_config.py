"""Configuration: environment variables, instance config, the generated secret."""
import os
import stat

from webapp import create_app


def test_secret_key_generated_once_with_mode_0600(tmp_path, monkeypatch):
    monkeypatch.delenv("TANDEM_SECRET_KEY", raising=False)
    monkeypatch.setenv("TANDEM_INSTANCE_PATH", str(tmp_path))
    first = create_app()
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) >= 40
    assert create_app().config["SECRET_KEY"] == first.config["SECRET_KEY"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret")] == []


def test_environment_and_instance_config(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("IDLE_TIMEOUT_MINUTES = 15\nMAIL_FROM = 'a@b.org'\n")
    monkeypatch.setenv("TANDEM_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("TANDEM_SECRET_KEY", "from the environment")
    monkeypatch.setenv("TANDEM_MAIL_FROM", "Tandem <tandem@district.example>")
    monkeypatch.setenv("TANDEM_MAIL_USE_TLS", "false")
    monkeypatch.setenv("TANDEM_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from the environment"
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 15  # instance/config.py
    assert app.config["MAIL_FROM"] == "Tandem <tandem@district.example>"  # env wins
    assert app.config["MAIL_USE_TLS"] is False
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("other.sqlite3")
    assert not (tmp_path / "secret_key").exists()


def test_default_database_is_sqlite_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("TANDEM_DATABASE_URL", raising=False)
    monkeypatch.setenv("TANDEM_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'tandem.sqlite3'}"
