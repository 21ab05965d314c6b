from mkdocs.config import config_options as c

from ..model.script import DEFAULT_SCRIPT, SCRIPTS
from .base import PluginConfig


class CoreConfig(PluginConfig):
    """Where the content lives, relative to mkdocs.yml."""

    cases_dir = c.Type(str, default="cases")
    config_dir = c.Type(str, default="site_config")
    # Build into a sibling folder and swap it in only when the whole build
    # succeeded, so that a failed build leaves the previous site untouched.
    atomic = c.Type(bool, default=True)
    # Slow outputs (PDFs, QR images) are kept here, keyed by a hash of their input.
    cache_dir = c.Type(str, default=".cache/qingfeng")
    # The whole site again in traditional script under /zh-hant/, with a switch on every page.
    traditional = c.Type(bool, default=True)
    # OpenCC's standard for the mirror: s2tw (Taiwan: 為、裡、著、說、群) or s2hk (Hong Kong: 為、裏、着、説、羣).
    # Taiwan's by default, as most traditional seed articles write.
    mirror_script = c.Choice(SCRIPTS, default=DEFAULT_SCRIPT)
    # A copy of the whole site that opens from disk (a USB stick, a machine that never goes online),
    # as downloads/offline.zip, listed on the downloads page.
    offline = c.Type(bool, default=True)
    # Add new board codes and cases to site_config/qr-lock.yml after a successful `mkdocs build`.
    lock = c.Type(bool, default=True)
