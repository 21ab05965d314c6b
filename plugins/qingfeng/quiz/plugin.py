"""qingfeng/quiz: interactive quizzes (廉政知识测试) and printable papers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.base import CASES, CORE, QingfengPlugin
from ..core.plugin import page_file, project_of, show, shown, urls_of
from ..model import urls as places
from ..model.quiz import VARIANTS, QuizPage, bank_quiz, case_quiz, pack_quiz, paper
from ..model.schema import Case, Pack
from .config import QuizConfig
from .data import quiz_data

TEMPLATES = Path(__file__).parent / "templates"


class QuizPlugin(QingfengPlugin[QuizConfig]):
    requires = (CORE, CASES)  # explanations link the case a question comes from
    list_uri = places.QUIZZES.src_uri

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for bank in project_of(config).banks:
            quiz = bank_quiz(bank)
            meta = {"title": bank.title, "template": "qingfeng/quiz-page.html"}
            files.append(page_file(config, places.quiz(bank.id), meta, hidden=True))
            show(config, places.quiz(bank.id).src_uri, QuizPage(quiz), origin=bank.path)
            for variant in VARIANTS:
                meta = {
                    "title": f"{bank.title}（试卷 {variant}）",
                    "template": "qingfeng/quiz-paper.html",
                    "search": {"exclude": True},
                }
                files.append(page_file(config, places.paper(bank.id, variant), meta, hidden=True))
                show(config, places.paper(bank.id, variant).src_uri, QuizPage(quiz, variant), origin=bank.path)
        meta = {"title": self.config.list_title, "template": "qingfeng/quiz-list.html"}
        files.append(page_file(config, places.QUIZZES, meta))
        return files

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        project = project_of(config)
        thing = shown(config, page)
        quiz = None
        if isinstance(thing, QuizPage):
            context["variants"] = VARIANTS
            if thing.variant is not None:
                context["variant"] = thing.variant
                context["paper"] = paper(thing.quiz, thing.variant)
                context["case_titles"] = {case.id: case.title for case in project.cases}
                context["paper_quiz"] = thing.quiz
                return context
            quiz = thing.quiz
        elif isinstance(thing, Case):
            quiz = case_quiz(thing)
        elif isinstance(thing, Pack):
            quiz = pack_quiz(thing, project.case_by_id)
        elif page.file.src_uri == self.list_uri:
            context["banks"] = project.banks
        if quiz is not None:
            context["quiz"] = quiz
            urls = urls_of(config)

            def case_url(case_id: str) -> str:
                return get_relative_url(urls.url(places.case(case_id)), page.url)

            context["quiz_data"] = quiz_data(quiz, project.case_by_id, case_url)
        return context
