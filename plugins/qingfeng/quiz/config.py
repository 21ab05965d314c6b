from mkdocs.config import config_options as c

from ..core.base import PluginConfig


class QuizConfig(PluginConfig):
    """Quizzes at /quizzes/<id>/, papers at /quizzes/<id>/paper/, the list at /quizzes/."""

    list_title = c.Type(str, default="廉政知识测试")
