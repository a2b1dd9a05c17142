"""Lesson 3's list of other housing queues, cut to the queues the edition lists."""
from __future__ import annotations

from hooks.site_data import state
from scripts.project import QUEUE_ROW


def keep_listed(markdown: str) -> str:
    """In the section on other housing queues, keep only the queues this edition lists (by web host)."""
    head, sep, rest = markdown.partition("{ #andra-koer }")
    if not sep:
        return markdown
    section, nxt, tail = rest.partition("\n## ")
    section = QUEUE_ROW.sub(lambda m: m.group(0) if m.group(1) in state["local_queues"] else "\x00", section)
    section = section.replace("\x00\n", "")
    return head + sep + section + nxt + tail
