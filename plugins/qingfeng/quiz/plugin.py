"""qingfeng/quiz: interactive quizzes (廉政知识测试) and printable papers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..cases.plugin import BASE as CASES
from ..core.pages import front_matter, page_url
from ..core.plugin import project_of
from ..model.quiz import VARIANTS, Quiz, bank_quiz, case_quiz, pack_quiz, paper
from .config import QuizConfig
from .data import quiz_data

TEMPLATES = Path(__file__).parent / "templates"
BASE = "quizzes"


def paper_path(bank_id: str, variant: str) -> str:
    """Variant A at /quizzes/<id>/paper/, the others below it (…/paper/b/)."""
    base = f"{BASE}/{bank_id}/paper"
    return base if variant == VARIANTS[0] else f"{base}/{variant.lower()}"


class QuizPlugin(BasePlugin[QuizConfig]):
    def __init__(self) -> None:
        self.quiz_pages: dict[str, Quiz] = {}  # src_uri -> bank quiz
        self.paper_pages: dict[str, tuple[Quiz, str]] = {}  # src_uri -> (quiz, variant)
        self.list_uri = f"{BASE}/index.md"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.quiz_pages, self.paper_pages = {}, {}
        config.theme.dirs.append(str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for bank in project_of(config).banks:
            quiz = bank_quiz(bank)
            src_uri = f"{BASE}/{bank.id}/index.md"
            meta = {"title": bank.title, "template": "qingfeng/quiz-page.html"}
            files.append(
                File.generated(config, src_uri, content=front_matter(meta), inclusion=InclusionLevel.NOT_IN_NAV)
            )
            self.quiz_pages[src_uri] = quiz
            for variant in VARIANTS:
                src_uri = f"{paper_path(bank.id, variant)}.md"
                meta = {
                    "title": f"{bank.title}（试卷 {variant}）",
                    "template": "qingfeng/quiz-paper.html",
                    "search": {"exclude": True},
                }
                files.append(
                    File.generated(config, src_uri, content=front_matter(meta), inclusion=InclusionLevel.NOT_IN_NAV)
                )
                self.paper_pages[src_uri] = (quiz, variant)
        meta = {"title": self.config.list_title, "template": "qingfeng/quiz-list.html"}
        files.append(File.generated(config, self.list_uri, content=front_matter(meta)))
        return files

    # Last: qingfeng/cases and qingfeng/packs have put their case or pack into the context.
    @event_priority(-20)
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        project = project_of(config)
        src_uri = page.file.src_uri
        quiz = self.quiz_pages.get(src_uri)
        if src_uri in self.paper_pages:
            quiz, variant = self.paper_pages[src_uri]
            context["variant"] = variant
            context["paper"] = paper(quiz, variant)
            context["variants"] = [(v, page_url(paper_path(quiz.id, v), config.use_directory_urls)) for v in VARIANTS]
            context["quiz_url"] = page_url(f"{BASE}/{quiz.id}", config.use_directory_urls)
            context["case_titles"] = {case.id: case.title for case in project.cases}
            context["paper_quiz"] = quiz
            return context
        if quiz is not None:
            context["papers"] = [(v, page_url(paper_path(quiz.id, v), config.use_directory_urls)) for v in VARIANTS]
        elif "case" in context:
            quiz = case_quiz(context["case"])
        elif "pack" in context:
            quiz = pack_quiz(context["pack"], project.case_by_id)
        elif src_uri == self.list_uri:
            context["banks"] = [(b, page_url(f"{BASE}/{b.id}", config.use_directory_urls)) for b in project.banks]
        if quiz is not None:
            context["quiz"] = quiz

            def case_url(case_id: str) -> str:
                return get_relative_url(page_url(f"{CASES}/{case_id}", config.use_directory_urls), page.url)

            context["quiz_data"] = quiz_data(quiz, project.case_by_id, case_url)
        return context
