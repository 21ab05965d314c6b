"""What every Qingfeng plugin shares: an `enabled` switch, as Material's plugins have, and the
Qingfeng plugins it needs, which qingfeng/core checks before anything is built."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ClassVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, PluginCollection

CORE = "qingfeng/core"
CASES = "qingfeng/cases"
PACKS = "qingfeng/packs"
QUIZ = "qingfeng/quiz"
BOARDS = "qingfeng/boards"
# Events a disabled plugin still receives: they only note the command that runs.
_ALWAYS = ("on_startup", "on_shutdown")


class PluginConfig(Config):
    enabled = c.Type(bool, default=True)


class Count(c.BaseConfigOption[int]):
    """A positive whole number (how many of something), refused in Chinese otherwise."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise c.ValidationError(f"应是正整数（如 {self.default}），实际是 {value!r}")
        return value


def _when_enabled(handler: Callable) -> Callable:
    """A disabled plugin's handler hands back what it was given (config, files, context, html…)."""

    @functools.wraps(handler)  # keeps event_priority's mark
    def run(self, *args, **kwargs):
        if not self.config.enabled:
            return args[0] if args else None
        return handler(self, *args, **kwargs)

    return run


def _after_core(handler: Callable) -> Callable:
    """Without qingfeng/core, which checks the set, a plugin says so itself, before it does anything."""

    @functools.wraps(handler)
    def run(self, config, *args, **kwargs):
        if not enabled(config.plugins, CORE):
            check_set(config.plugins)
        return handler(self, config, *args, **kwargs)

    return run


class QingfengPlugin(BasePlugin):
    """Subclassed as QingfengPlugin[SomeConfig], as BasePlugin is; SomeConfig subclasses PluginConfig."""

    requires: ClassVar[tuple[str, ...]] = (CORE,)  # the Qingfeng plugins this one needs besides itself

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        for attribute, value in list(vars(cls).items()):
            if attribute == "on_config" and CORE in cls.requires:
                value = _after_core(value)
            if attribute.startswith("on_") and attribute not in _ALWAYS and callable(value):
                setattr(cls, attribute, _when_enabled(value))


def _enabled(plugins: PluginCollection) -> set[str]:
    return {
        name
        for name, plugin in plugins.items()
        if not isinstance(plugin, QingfengPlugin) or plugin.config.enabled
    }


def check_set(plugins: PluginCollection) -> None:
    """Stop, in one line, when an enabled Qingfeng plugin lacks one it needs."""
    enabled = _enabled(plugins)
    wanting: dict[str, list[str]] = {}  # missing plugin -> the plugins that need it
    for name, plugin in plugins.items():
        if isinstance(plugin, QingfengPlugin) and name in enabled:
            for needed in plugin.requires:
                if needed not in enabled:
                    wanting.setdefault(needed, []).append(name)
    if wanting:
        needs = "；".join(f"{'、'.join(users)} 需要 {needed}" for needed, users in wanting.items())
        add = "、".join(wanting)
        raise PluginError(f"mkdocs.yml 的 plugins：{needs}。请在 plugins 中加上（或启用）{add}")


def enabled(plugins: PluginCollection, name: str) -> bool:
    """Whether this plugin is in the site and switched on."""
    return name in plugins and name in _enabled(plugins)
