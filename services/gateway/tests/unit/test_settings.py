"""The gateway's settings: the environment read once, what the app's config says wins, every
variable documented in the README."""
from pathlib import Path

from cadre_shared.config import DEFAULTS as SHARED
from gateway.handlers import settings

README = Path(__file__).resolve().parents[4] / "README.md"


def test_the_environment_fills_only_what_the_config_leaves_out(monkeypatch):
    monkeypatch.setenv("C360_KIOSK_RATE_PER_MINUTE", "7")
    monkeypatch.setenv("C360_MFA_REQUIRED", "true")
    config = {"MFA_REQUIRED": False}
    settings.load(config)
    assert settings.number("KIOSK_RATE_PER_MINUTE", config) == 7
    assert settings.flag("MFA_REQUIRED", config) is False
    assert settings.throttle_policies(config)["ip"].max_failures == 30  # the default
    monkeypatch.setenv("C360_KIOSK_RATE_PER_MINUTE", "8")
    assert settings.number("KIOSK_RATE_PER_MINUTE", config) == 7  # read once, at start


def test_the_admin_password_comes_from_its_file(tmp_path, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    (tmp_path / "pw").write_text("Mật-khẩu-2026\n")
    monkeypatch.setenv("ADMIN_PASSWORD_FILE", str(tmp_path / "pw"))
    config: dict = {}
    settings.load(config)
    assert config["ADMIN_PASSWORD"] == "Mật-khẩu-2026"


def test_the_readme_lists_every_variable():
    text = README.read_text()
    names = [f"`C360_{key}`" for key in [*settings.DEFAULTS, *SHARED]] + [
        "`FORWARDED_ALLOW_IPS`", "`ADMIN_PASSWORD`", "`ADMIN_PASSWORD_FILE`"]
    assert [name for name in names if name not in text] == []


def test_the_smtp_password_comes_from_its_file_when_the_environment_has_none(tmp_path, monkeypatch):
    monkeypatch.delenv("C360_SMTP_PASSWORD", raising=False)
    (tmp_path / "smtp").write_text("thư-điện-tử\n")
    monkeypatch.setenv("C360_SMTP_PASSWORD_FILE", str(tmp_path / "smtp"))
    config: dict = {}
    settings.load(config)
    assert config["SMTP_PASSWORD"] == "thư-điện-tử"
