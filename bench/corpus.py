"""Synthetic, valid content for the benchmark: N cases of realistic length."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = (
    "党委",
    "纪委",
    "监委",
    "巡察",
    "审计",
    "监督",
    "一把手",
    "班子",
    "干部",
    "学校",
    "医院",
    "国企",
    "工程",
    "项目",
    "招标",
    "采购",
    "资金",
    "补贴",
    "违规",
    "收受",
    "礼金",
    "财物",
    "利用",
    "职务",
    "便利",
    "谋取",
    "利益",
    "亲属",
    "公司",
    "承揽",
    "业务",
    "问题",
    "线索",
    "核查",
    "谈话",
    "说明",
    "组织",
    "纪律",
    "廉洁",
    "规矩",
    "初心",
    "使命",
    "责任",
    "主体",
    "落实",
    "整改",
    "制度",
    "机制",
    "风险",
    "防控",
    "教育",
    "警示",
    "案例",
    "身边",
    "群众",
    "利益",
    "食堂",
    "饭菜",
    "农田",
    "建设",
    "验收",
    "虚报",
    "套取",
    "挪用",
    "侵占",
    "违法",
    "犯罪",
    "受贿",
    "行贿",
    "处分",
    "开除",
    "党籍",
    "公职",
    "移送",
    "检察",
    "机关",
    "依法",
    "审查",
    "调查",
    "深刻",
    "反思",
    "教训",
    "必须",
    "始终",
    "坚持",
    "严格",
    "执行",
    "规定",
    "要求",
)
SECTIONS = ("案情", "以案说德", "以案说纪", "以案说法", "以案说责", "整改", "讨论")
SECTORS = ("教育", "医疗卫生", "国企", "工程建设", "乡村振兴", "校园餐", "金融", "交通")
ROLES = ("一把手", "班子成员", "关键岗位", "一般干部")
REGIONS = ("重庆市九龙坡区", "贵州省兴义市", "江西省上饶市", "安徽省马鞍山市", "黑龙江省双鸭山市")


def sentence(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))) + "。"


def paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(sentence(rng) for _ in range(sentences))


def body(rng: random.Random) -> str:
    parts = []
    for heading in SECTIONS:
        if heading == "讨论":
            text = "\n".join(f"- {sentence(rng)[:-1]}？" for _ in range(3))
        else:
            text = "\n\n".join(paragraph(rng, 4) for _ in range(2))
        parts.append(f"## {heading}\n\n{text}\n")
    return "\n".join(parts)


def case_meta(rng: random.Random, index: int) -> dict:
    year = 2020 + index % 7
    return {
        "id": f"{year}-case-{index:05d}",
        "title": f"某单位原负责人{rng.choice('王李张刘陈杨黄赵')}某受贿案（{index}）",
        "summary": sentence(rng),
        "subject": "某某",
        "position": "某单位原负责人",
        "role": rng.choice(ROLES),
        "region": rng.choice(REGIONS),
        "sector": rng.sample(SECTORS, 2),
        "violations": ["受贿", "违反廉洁纪律"],
        "amount": rng.randint(10, 5000) * 1000,
        "outcome": "被开除党籍和公职，涉嫌犯罪问题移送检察机关",
        "date": f"{year}-{1 + index % 12:02d}",
        "source": {"publisher": "某某日报", "date": f"{year}-12-01"},
        "rules": ["《中国共产党纪律处分条例》第一百零四条"],
        "questions": [
            {"id": "q1", "type": "single", "stem": sentence(rng), "options": ["甲", "乙", "丙"], "answer": "A"},
            {"id": "q2", "type": "judge", "stem": sentence(rng), "answer": True},
        ],
    }


def write_cases(root: Path, count: int, seed: int = 2026) -> list[tuple[dict, str]]:
    """Write `count` cases under root/cases; returns (meta, body) for each."""
    rng = random.Random(seed)
    (root / "cases").mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        meta, text = case_meta(rng, index), body(rng)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (root / "cases" / f"{meta['id']}.md").write_text(f"---\n{front}---\n\n{text}", encoding="utf-8")
        written.append((meta, text))
    return written
