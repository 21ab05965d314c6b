"""Bots told by crawler-user-agents' list, searched as one pattern: the same answers as the list."""

from __future__ import annotations

import re

import crawleruseragents
import pytest
from qingfeng.scans.bots import Bots, compile_patterns

from tests.scans.logmaker import ANDROID, HUAWEI, IPHONE, SAFARI

BROWSERS = [
    IPHONE,
    ANDROID,
    HUAWEI,
    SAFARI,
    "Mozilla/5.0 (Linux; Android 10; SM-G9750 Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/76.0.3809.89 Mobile Safari/537.36 T7/11.20 SP-engine/2.16.0 "
    "baiduboxapp/11.20.0.14 (Baidu; P1 10)",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
    "AlipayClient/10.2.90 Language/zh-Hans",
    "Mozilla/5.0 (Linux; U; Android 11; zh-cn; M2011K2C Build/RKQ1.200928.002) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/89.0.4389.116 Mobile Safari/537.36 XiaoMi/MiuiBrowser/15.5.20",
    "Mozilla/5.0 (Linux; Android 10; MI 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Mobile "
    "Safari/537.36 MQQBrowser/11.0 QQ/8.8.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 "
    "Edg/120.0.0.0",
]


def test_every_example_of_the_list_is_a_bot():
    bots = Bots()
    examples = [ua for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA for ua in entry.get("instances", [])]
    assert len(examples) > 1000
    assert [ua for ua in examples if not bots.is_bot(ua.encode())] == []


@pytest.mark.parametrize("agent", BROWSERS)
def test_phones_are_people(agent):
    assert not Bots().is_bot(agent.encode())
    assert not crawleruseragents.is_crawler(agent)


@pytest.mark.parametrize("agent", [b"", b"-", b"  ", b"curl/8.5.0", b"python-requests/2.31", b"Go-http-client/1.1"])
def test_programs_are_bots(agent):
    assert Bots().is_bot(agent)


def test_one_pattern_says_what_each_pattern_says():
    patterns = ["Googlebot", "Google", "Googlebot-Image", "bot\\.html", "^curl", "[wW]get", "Feed\\/\\d", "end$", "a|b"]
    one = compile_patterns(patterns)
    texts = ["Googl", "Google", "xGooglebot", "bot.html", "botxhtml", "curl/1", "a curl", "Wget", "Feed/1", "Feed/x"]
    texts += ["the end", "endless", "cat", "xyz", ""]
    for text in texts:
        expected = any(re.search(p, text) for p in patterns)
        assert bool(one.search(text.encode())) == expected, text
