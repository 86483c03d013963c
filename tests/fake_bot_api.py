"""A strict local fake of the Telegram Bot API (aiohttp) for end-to-end tests, load and soak benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import json
import logging
import math
import random
import re
import socket
import string
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal, TypeVar

from aiohttp import web

__all__ = [
    "DEFAULT_TOKEN",
    "DEFAULT_USERNAME",
    "BotAPIError",
    "Call",
    "FakeBotAPI",
    "TelegramHTMLError",
    "check_message_text",
    "detect_entities",
    "parse_telegram_html",
    "utf16_len",
    "validate_telegram_html",
]

_LOG = logging.getLogger(__name__)
_T = TypeVar("_T")
JSONDict = dict[str, Any]
FaultMode = Literal["error", "drop", "drop_after"]

DEFAULT_TOKEN = "7000000001:AAFakeNewsbotTokenForLocalTestsOnly000"
DEFAULT_USERNAME = "newsbot_test_bot"
DEFAULT_GROUP_USER_ID = 424242
MAX_MESSAGE_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
MAX_CALLBACK_ANSWER_CHARS = 200
MAX_INLINE_BUTTONS = 100
MAX_COMMANDS = 100

QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
CONFLICT_TERMINATED = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
TEXT_BUTTONS = "can't parse InlineKeyboardButton: Text buttons are not allowed in the inline keyboard"
MARKUP_UNPARSABLE = "can't parse reply keyboard markup JSON object"
STRICT_NOTE = " [FakeBotAPI strict check; real Telegram is more lenient here]"
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
INLINE_RESULT_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


class TelegramHTMLError(ValueError):
    """HTML that Telegram would refuse; ``description`` is what follows "can't parse entities: "."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class BotAPIError(Exception):
    """An error envelope the fake answers with: HTTP status, Telegram description, parameters."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(f"{status}: {description}")
        self.status = status
        self.description = description
        self.parameters = parameters

    def envelope(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class _UnsupportedByFake(BotAPIError):
    """A request the real API accepts but this fake does not implement (recorded as unimplemented)."""


def _bad(description: str) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {description}")


def _flood(retry_after: int) -> BotAPIError:
    return BotAPIError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


# ---------------------------------------------------------------------------------------------
# Text helpers: UTF-16 lengths, HTML parse mode (a port of TDLib's parse_html), entity detection
# ---------------------------------------------------------------------------------------------

_HTML_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
    "blockquote": "blockquote",
}
_SPACE = frozenset(" \t\r\n\v\f\0")
_DIGITS = frozenset(string.digits)
_HEX_DIGITS = frozenset(string.hexdigits)
_ALPHA = frozenset(string.ascii_letters)
_NAME_TOKEN = frozenset(string.ascii_letters + string.digits + ".-")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TRIM = " \t\r\n\v\f"
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://", "mailto:")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts offsets and limits in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _scan_numeric_entity(src: str, pos: int) -> tuple[int, int | None]:
    end = pos + 2
    hexadecimal = src.startswith("x", end)
    digits = _HEX_DIGITS if hexadecimal else _DIGITS
    end += int(hexadecimal)
    start = end
    while end < len(src) and src[end] in digits:
        end += 1
    if end == start or end - pos >= 10:
        return end, None
    code = int(src[start:end], 16 if hexadecimal else 10)
    return end, (code if 0 < code < 0x10FFFF else None)


def _decode_entity(src: str, pos: int) -> tuple[str | None, int, bool]:
    """TDLib's decode_html_entity: (decoded char or None, end position, terminated by ';')."""
    if src.startswith("#", pos + 1):
        end, code = _scan_numeric_entity(src, pos)
    else:
        end = pos + 1
        while end < len(src) and src[end] in _ALPHA:
            end += 1
        named = _NAMED_ENTITIES.get(src[pos + 1 : end])
        code = ord(named) if named else None
    if code is None:
        return None, pos, False
    if end < len(src) and src[end] == ";":
        return chr(code), end + 1, True
    return chr(code), end, False


def _normalize_url(url: str) -> str | None:
    if not url or any(ch.isspace() for ch in url):
        return None
    if url.lower().startswith(_URL_SCHEMES):
        return url
    if "://" in url or not url[0].isalnum() or "." not in url.split("/")[0]:
        return None
    return f"http://{url}" + ("" if "/" in url else "/")


@dataclass
class _OpenTag:
    tag: str
    byte_pos: int
    utf16_start: int
    out_start: int
    argument: str = ""
    expandable: bool = False


class _HTMLParser:
    """Parses Telegram's HTML parse mode exactly like TDLib does, plus optional strict checks."""

    def __init__(self, text: str, strict: bool) -> None:
        self.src = text
        self.n = len(text)
        self.strict = strict
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []

    def at(self, index: int) -> str:
        return self.src[index] if index < self.n else "\0"

    def byte(self, index: int) -> int:
        return _byte_offset(self.src, index)

    def append(self, char: str) -> None:
        self.out.append(char)
        self.utf16 += 2 if ord(char) > 0xFFFF else 1

    def parse(self) -> tuple[str, list[JSONDict]]:
        while self.pos < self.n:
            char = self.src[self.pos]
            if char == "&":
                self.text_entity()
            elif char != "<":
                self.append(char)
                self.pos += 1
            elif self.at(self.pos + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise TelegramHTMLError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"')
        text = "".join(self.out)
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
            raise TelegramHTMLError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        return text, _merge_pre_code(self.entities)

    def decode(self, pos: int) -> tuple[str | None, int]:
        char, end, terminated = _decode_entity(self.src, pos)
        if self.strict and not terminated:
            raise TelegramHTMLError(f'Unescaped "&" at byte offset {self.byte(pos)}; write it as &amp;{STRICT_NOTE}')
        return char, end

    def text_entity(self) -> None:
        char, end = self.decode(self.pos)
        if char is None:
            self.append("&")
            self.pos += 1
            return
        self.append(char)
        self.pos = end

    def start_tag(self) -> None:
        begin = self.pos
        i = begin + 1
        while self.at(i) not in _SPACE and self.at(i) != ">":
            i += 1
        if i >= self.n:
            raise TelegramHTMLError(f"Unclosed start tag at byte offset {self.byte(begin)}")
        tag = self.src[begin + 1 : i].lower()
        if tag not in _HTML_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}" at byte offset {self.byte(begin)}')
        opened = _OpenTag(tag, begin, self.utf16, len(self.out))
        self.pos = self.attributes(opened, i)
        self.check_opened(opened)
        self.stack.append(opened)

    def check_opened(self, opened: _OpenTag) -> None:
        where = f"at byte offset {self.byte(opened.byte_pos)}"
        if opened.tag == "span" and opened.argument != "spoiler":
            raise TelegramHTMLError(f'Tag "span" must have class "tg-spoiler" {where}')
        if self.strict and opened.tag == "a" and not opened.argument:
            raise TelegramHTMLError(f'Tag "a" must have a non-empty "href" attribute {where}{STRICT_NOTE}')

    def skip_spaces(self, i: int) -> int:
        while i < self.n and self.src[i] in _SPACE:
            i += 1
        return i

    def attributes(self, opened: _OpenTag, i: int) -> int:
        """Parses attributes starting at ``i``; returns the position after the closing '>'."""
        where = f"at byte offset {self.byte(opened.byte_pos)}"
        while True:
            i = self.skip_spaces(i)
            if i >= self.n:
                raise TelegramHTMLError(f"Unclosed start tag {where}")
            if self.src[i] == ">":
                return i + 1
            name_start = i
            while self.at(i) not in _SPACE and self.at(i) not in "=>":
                i += 1
            name = self.src[name_start:i]
            if not name:
                raise TelegramHTMLError(f'Empty attribute name in the tag "{opened.tag}" {where}')
            i = self.skip_spaces(i)
            if self.at(i) != "=":
                _apply_attribute(opened, name, None)
                continue
            i = self.skip_spaces(i + 1)
            if i >= self.n:
                raise TelegramHTMLError(f'Unclosed start tag "{opened.tag}" {where}')
            value, i = self.attribute_value(i)
            if i >= self.n:
                raise TelegramHTMLError(f"Unclosed start tag {where}")
            _apply_attribute(opened, name, value)

    def attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.src[i]
        if quote not in "'\"":
            start = i
            while self.at(i) in _NAME_TOKEN and i < self.n:
                i += 1
            if i < self.n and self.src[i] not in _SPACE and self.src[i] != ">":
                raise TelegramHTMLError(f"Unexpected end of name token at byte offset {self.byte(start)}")
            return self.src[start:i].lower(), i
        i += 1
        parts: list[str] = []
        while i < self.n and self.src[i] != quote:
            if self.src[i] == "&":
                char, end = self.decode(i)
                if char is not None:
                    parts.append(char)
                    i = end
                    continue
            parts.append(self.src[i])
            i += 1
        return "".join(parts), (i + 1 if i < self.n else i)

    def end_tag(self) -> None:
        begin = self.pos
        if not self.stack:
            raise TelegramHTMLError(f"Unexpected end tag at byte offset {self.byte(begin)}")
        i = begin + 2
        while self.at(i) not in _SPACE and self.at(i) != ">":
            i += 1
        end_name = self.src[begin + 2 : i]
        i = self.skip_spaces(i)
        if self.at(i) != ">":
            raise TelegramHTMLError(f"Unclosed end tag at byte offset {self.byte(begin)}")
        self.pos = i + 1
        opened = self.stack.pop()
        if end_name and end_name != opened.tag:
            raise TelegramHTMLError(
                f"Unmatched end tag at byte offset {self.byte(begin)}, "
                f'expected "</{opened.tag}>", found "</{end_name}>"'
            )
        self.close(opened)

    def close(self, opened: _OpenTag) -> None:
        length = self.utf16 - opened.utf16_start
        if length <= 0:
            return
        entity: JSONDict = {"type": _HTML_TAGS[opened.tag], "offset": opened.utf16_start, "length": length}
        if opened.tag == "a":
            url = _normalize_url(opened.argument or "".join(self.out[opened.out_start :]))
            if url is None:
                return
            entity["url"] = url
        elif opened.tag == "code" and opened.argument:
            entity["language"] = opened.argument
        elif opened.tag == "tg-emoji":
            if not opened.argument.isdigit() or int(opened.argument) == 0:
                raise TelegramHTMLError("Invalid custom emoji identifier specified")
            entity["custom_emoji_id"] = opened.argument
        elif opened.tag == "blockquote" and opened.expandable:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)


def _apply_attribute(opened: _OpenTag, name: str, value: str | None) -> None:
    tag = opened.tag
    if tag == "blockquote" and name == "expandable":
        opened.expandable = True
    elif value is None:
        return
    elif tag == "a" and name == "href":
        opened.argument = value
    elif tag == "code" and name == "class" and value.startswith("language-"):
        opened.argument = value[len("language-") :]
    elif tag == "span" and name == "class" and value.startswith("tg-"):
        opened.argument = value[len("tg-") :]
    elif tag == "tg-emoji" and name == "emoji-id":
        opened.argument = value


def _merge_pre_code(entities: list[JSONDict]) -> list[JSONDict]:
    """``<pre><code class="language-x">`` becomes one pre entity with a language, as in Telegram."""
    pres = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    merged: list[JSONDict] = []
    for entity in entities:
        language = entity.pop("language", None) if entity["type"] == "code" else None
        pre = pres.get((entity["offset"], entity["length"]))
        if language and pre is not None:
            pre["language"] = language
            continue
        merged.append(entity)
    return sorted(merged, key=lambda e: (e["offset"], -e["length"]))


def parse_telegram_html(text: str, *, strict: bool = True) -> tuple[str, list[JSONDict]]:
    """Parses Telegram HTML into (plain text, entities with UTF-16 offsets) or raises TelegramHTMLError.

    The parser follows TDLib's ``parse_html`` (tags, attributes, error wording and byte offsets).
    ``strict`` adds two checks real Telegram does not make: every ``&`` must start a complete
    entity ending in ``;`` and every ``<a>`` needs a non-empty ``href``.
    """
    return _HTMLParser(text, strict).parse()


def validate_telegram_html(text: str, *, strict: bool = True) -> str:
    """Returns the plain text Telegram would show for HTML ``text``; raises TelegramHTMLError if refused."""
    return parse_telegram_html(text, strict=strict)[0]


def _trim_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Telegram strips leading/trailing whitespace from message text; entities are clipped to match."""
    left = text.lstrip(_TRIM)
    lead = utf16_len(text[: len(text) - len(left)])
    core = left.rstrip(_TRIM)
    total = utf16_len(core)
    kept: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return core, kept


def _explicit_entities(value: Any) -> list[JSONDict]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad("can't parse entities JSON object")
    for entity in value:
        fields_ok = isinstance(entity, dict) and isinstance(entity.get("type"), str)
        numbers_ok = fields_ok and all(isinstance(entity.get(k), int) for k in ("offset", "length"))
        if not numbers_ok or entity["offset"] < 0 or entity["length"] <= 0:
            raise _bad(f"can't parse MessageEntity: {json.dumps(entity)[:100]}")
    return sorted((dict(e) for e in value), key=lambda e: (e["offset"], -e["length"]))


def _parse_by_mode(text: str, parse_mode: Any, entities: Any, strict: bool) -> tuple[str, list[JSONDict]]:
    if entities is not None:
        return text, _explicit_entities(entities)
    mode = str(parse_mode or "").strip().lower()
    if mode == "":
        return text, []
    if mode == "html":
        try:
            return parse_telegram_html(text, strict=strict)
        except TelegramHTMLError as exc:
            raise _bad(f"can't parse entities: {exc.description}") from None
    if mode in ("markdown", "markdownv2"):
        raise _UnsupportedByFake(
            400, f"Bad Request: parse_mode {parse_mode!r} is not implemented by FakeBotAPI; use HTML"
        )
    raise _bad("unsupported parse_mode")


def check_message_text(
    text: Any,
    parse_mode: str | None = "HTML",
    entities: Any = None,
    *,
    strict: bool = True,
    too_long: str = "message is too long",
) -> tuple[str, list[JSONDict]]:
    """Checks a message text like sendMessage does; returns (final text, entities) or raises BotAPIError."""
    if not isinstance(text, str) or not text:
        raise _bad("message text is empty")
    parsed, found = _parse_by_mode(text, parse_mode, entities, strict)
    final, kept = _trim_text(parsed, found)
    if not final:
        raise _bad("message must be non-empty")
    if utf16_len(final) > MAX_MESSAGE_UTF16:
        raise _bad(too_long)
    return final, kept


_ENTITY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bot_command", re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_])")),
    ("mention", re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{5,32}(?!\w)")),
    ("url", re.compile(r"https?://[^\s<>\"]+")),
    ("hashtag", re.compile(r"(?<![\w#])#\w+")),
)


def detect_entities(text: str) -> list[JSONDict]:
    """The entities Telegram's server detects in incoming text: bot_command, mention, url, hashtag."""
    found: list[JSONDict] = []
    for kind, pattern in _ENTITY_PATTERNS:
        for match in pattern.finditer(text):
            offset = utf16_len(text[: match.start()])
            found.append({"type": kind, "offset": offset, "length": utf16_len(match.group())})
    return sorted(found, key=lambda e: (e["offset"], -e["length"]))


# ---------------------------------------------------------------------------------------------
# Reply markup and inline result validation
# ---------------------------------------------------------------------------------------------

_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _bad("can't parse InlineKeyboardButton: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _bad("BUTTON_TEXT_INVALID")
    data = button.get("callback_data")
    if data is not None and not isinstance(data, str):
        raise _bad('can\'t parse InlineKeyboardButton: Field "callback_data" must be of type String')
    if data and len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        raise _bad("BUTTON_DATA_INVALID")
    actions = [k for k in _BUTTON_ACTIONS if button.get(k) is not None and (k != "callback_data" or data)]
    if not actions:
        raise _bad(TEXT_BUTTONS)
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or _normalize_url(url) is None):
        raise _bad("BUTTON_URL_INVALID")


def _validate_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
    buttons = [button for row in rows for button in row]
    if len(buttons) > MAX_INLINE_BUTTONS:
        raise _bad("reply markup is too long")
    for button in buttons:
        _validate_inline_button(button)


def _validate_reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
    for button in (b for row in rows for b in row):
        text = button.get("text") if isinstance(button, dict) else button
        if not isinstance(text, str) or not text:
            raise _bad("BUTTON_TEXT_INVALID")


def _validate_reply_markup(markup: Any) -> JSONDict | None:
    """Validates any reply_markup; returns the inline keyboard Telegram echoes back, else None."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad(MARKUP_UNPARSABLE)
    if "inline_keyboard" in markup:
        _validate_inline_keyboard(markup["inline_keyboard"])
        return copy.deepcopy(markup)
    if "keyboard" in markup:
        _validate_reply_keyboard(markup["keyboard"])
        return None
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return None
    raise _bad(MARKUP_UNPARSABLE)


def _validate_inline_content(content: Any, strict: bool) -> None:
    if not isinstance(content, dict):
        raise _bad('can\'t parse inline query result: Field "input_message_content" must be of type Object')
    if "message_text" in content:
        check_message_text(
            content.get("message_text"),
            content.get("parse_mode"),
            content.get("entities"),
            strict=strict,
            too_long="MESSAGE_TOO_LONG",
        )


def _validate_inline_result(result: Any, strict: bool) -> str:
    if not isinstance(result, dict):
        raise _bad("can't parse inline query result: InlineQueryResult must be an Object")
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= MAX_INLINE_RESULT_ID_BYTES:
        raise _bad("RESULT_ID_INVALID")
    if result.get("type") not in INLINE_RESULT_TYPES:
        raise _bad("RESULT_TYPE_INVALID")
    if result["type"] == "article":
        if not isinstance(result.get("title"), str):
            raise _bad('can\'t parse inline query result: Field "title" must be of type String')
        _validate_inline_content(result.get("input_message_content"), strict)
    elif "input_message_content" in result:
        _validate_inline_content(result["input_message_content"], strict)
    if "reply_markup" in result:
        markup = result["reply_markup"]
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            raise _bad(MARKUP_UNPARSABLE)
        _validate_inline_keyboard(markup["inline_keyboard"])
    return result_id


def _validate_inline_results(results: Any, strict: bool) -> None:
    if not isinstance(results, list):
        raise _bad("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise _bad("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        result_id = _validate_inline_result(result, strict)
        if result_id in seen:
            raise _bad("RESULT_ID_DUPLICATE")
        seen.add(result_id)


def _validate_commands(commands: Any) -> list[JSONDict]:
    if not isinstance(commands, list):
        raise _bad("can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise _bad("BOT_COMMANDS_TOO_MUCH")
    cleaned: list[JSONDict] = []
    for command in commands:
        if not isinstance(command, dict):
            raise _bad("can't parse BotCommand: BotCommand must be an Object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
            raise _bad("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    return cleaned


# ---------------------------------------------------------------------------------------------
# Request parameters
# ---------------------------------------------------------------------------------------------

_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "from_chat_id",
        "max_connections",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "is_personal",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "drop_pending_updates",
        "allow_paid_broadcast",
    }
)
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "results",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "button",
        "menu_button",
        "media",
    }
)
_JSON_NAMES = {"reply_markup": "reply keyboard markup", "results": "inline query results"}
_INT_RE = re.compile(r"-?\d{1,19}")


def _coerce(key: str, value: Any) -> Any:
    """PTB sends non-string values JSON-encoded inside form fields; decode them by field name."""
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise _bad(f"can't parse {_JSON_NAMES.get(key, key)} JSON object") from None
    if key in _INT_FIELDS and _INT_RE.fullmatch(value.strip()):
        return int(value)
    if key in _BOOL_FIELDS and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return value


async def _form_params(request: web.Request) -> JSONDict:
    form = await request.post()
    params: JSONDict = {}
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = {"filename": value.filename, "content_type": value.content_type}
        else:
            params[key] = value
    return params


async def _body_params(request: web.Request) -> JSONDict:
    if not request.body_exists:
        return {}
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise _bad("can't parse JSON encoded request body") from None
        if not isinstance(body, dict):
            raise _bad("JSON request body must be an Object")
        return body
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return await _form_params(request)
    return {}


async def _read_params(request: web.Request) -> JSONDict:
    raw: JSONDict = dict(request.query)
    raw.update(await _body_params(request))
    return {key: _coerce(key, value) for key, value in raw.items()}


def _str_param(params: Mapping[str, Any], key: str) -> str:
    value = params.get(key)
    return "" if value is None else str(value)


def _int_param(params: Mapping[str, Any], key: str, default: int) -> int:
    value = params.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


# ---------------------------------------------------------------------------------------------
# Records and internal state
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request the fake answered: canonical method name, decoded params, HTTP status."""

    method: str
    params: dict[str, Any]
    status: int
    description: str | None = None
    fault: str | None = None
    at: float = field(default_factory=time.time)

    @property
    def ok(self) -> bool:
        return self.status == HTTPStatus.OK


@dataclass
class _Stored:
    message: JSONDict
    from_bot: bool
    edits: list[JSONDict] = field(default_factory=list)
    deleted: bool = False


@dataclass
class _PendingQuery:
    kind: str
    created: float
    payload: JSONDict
    answered: bool = False


@dataclass
class _Fault:
    kind: str
    status: int = 0
    retry_after: int = 1
    description: str | None = None


@dataclass
class _FaultRate:
    rate: float
    kinds: tuple[str, ...]
    rng: random.Random
    retry_after: int


@dataclass
class _Poll:
    event: asyncio.Event
    conflict: bool = False


class _FloodControl:
    """Telegram's documented limits: ~30 messages/s overall and 20 messages/min per group."""

    GLOBAL = (30, 1.0)
    GROUP = (20, 60.0)

    def __init__(self) -> None:
        self._global: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}

    @staticmethod
    def _retry(window: deque[float], now: float, limit: int, seconds: float) -> int | None:
        while window and now - window[0] >= seconds:
            window.popleft()
        if len(window) < limit:
            return None
        return max(1, math.ceil(window[0] + seconds - now))

    def check(self, chat_id: int) -> None:
        now = time.monotonic()
        retry = self._retry(self._global, now, *self.GLOBAL)
        chat_window = self._chats.setdefault(chat_id, deque())
        if retry is None and chat_id < 0:
            retry = self._retry(chat_window, now, *self.GROUP)
        if retry is not None:
            raise _flood(retry)
        self._global.append(now)
        chat_window.append(now)


def _bot_id_from_token(token: str) -> int:
    head = token.split(":", 1)[0]
    return int(head) if head.isdigit() else 7000000001


def _update_kind(update: Mapping[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def _scope_key(scope: Any, language_code: Any) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), str(language_code or "")


def _json_response(status: int, body: JSONDict) -> web.Response:
    return web.json_response(body, status=status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


class FakeBotAPI:
    """A strict fake Telegram Bot API server on 127.0.0.1 for python-telegram-bot.

    Point PTB at it with ``.base_url(fake.base_url).base_file_url(fake.base_file_url)``.
    Use ``async with FakeBotAPI() as fake`` inside a running loop, or
    ``with FakeBotAPI.running_in_thread() as fake`` to serve from a background thread.
    All inject/inspect methods are thread-safe.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = DEFAULT_USERNAME,
        first_name: str = "newsbot",
        strict_html: bool = True,
        rate_limits: bool = False,
        callback_query_ttl: float | None = None,
        first_update_id: int = 1_000_000,
        max_recorded_calls: int | None = None,
    ) -> None:
        self.token = token
        self.username = username
        self.bot_id = _bot_id_from_token(token)
        self.strict_html = strict_html
        self.callback_query_ttl = callback_query_ttl
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._lock = threading.RLock()
        self._flood = _FloodControl() if rate_limits else None
        self._calls: deque[Call] = deque(maxlen=max_recorded_calls)
        self._call_counts: Counter[tuple[str, int]] = Counter()
        self._unimplemented: list[Call] = []
        self._updates: list[JSONDict] = []
        self._next_update_id = first_update_id
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._chats: dict[int, JSONDict] = {}
        self._users: dict[int, JSONDict] = {}
        self._blocked: set[int] = set()
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], _Stored] = {}
        self._sent_order: list[tuple[int, int]] = []
        self._queries: dict[str, _PendingQuery] = {}
        self._query_counter = 0
        self._answered_callbacks: list[JSONDict] = []
        self._inline_answers: list[JSONDict] = []
        self._chat_actions: list[JSONDict] = []
        self._deleted: list[JSONDict] = []
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._files: dict[str, tuple[JSONDict, bytes]] = {}
        self._scheduled_faults: list[tuple[str | None, _Fault]] = []
        self._fault_rates: dict[str | None, _FaultRate] = {}
        self._latency: dict[str | None, float] = {}
        self._webhook_url = ""
        self._logged_out = False
        self._extra_handlers: dict[str, tuple[str, Callable[[JSONDict], Any]]] = {}
        self._handlers = self._builtin_handlers()
        self._poller: _Poll | None = None
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not running")
        return self._port

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``/``Bot(base_url=...)``: PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``: PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/{tail:.*}", self._handle_not_found)
        return app

    async def start(self) -> None:
        """Starts serving on 127.0.0.1 at a free port, in the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._closing = False
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._runner = web.AppRunner(self._make_app(), access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        self._port = sock.getsockname()[1]
        _LOG.debug("FakeBotAPI listening on 127.0.0.1:%s", self._port)

    async def stop(self) -> None:
        """Stops the server; a pending long poll returns an empty result first."""
        self._closing = True
        self._wake_poller()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._port = None
        self._loop = None
        self._loop_thread = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @classmethod
    @contextlib.contextmanager
    def running_in_thread(cls, token: str = DEFAULT_TOKEN, **kwargs: Any) -> Iterator[FakeBotAPI]:
        """Runs a FakeBotAPI in its own event loop on a daemon thread for the ``with`` block."""
        fake = cls(token, **kwargs)
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []
        thread = threading.Thread(
            target=fake._serve_forever, args=(loop, ready, failure), name="FakeBotAPI", daemon=True
        )
        thread.start()
        if not ready.wait(10) or failure:
            raise RuntimeError("FakeBotAPI failed to start") from (failure[0] if failure else None)
        try:
            yield fake
        finally:
            asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    def _serve_forever(
        self, loop: asyncio.AbstractEventLoop, ready: threading.Event, failure: list[BaseException]
    ) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self.start())
        except BaseException as exc:  # reported to the starting thread
            failure.append(exc)
            ready.set()
            return
        ready.set()
        loop.run_forever()

    def _in_loop_thread(self) -> bool:
        return self._loop_thread == threading.get_ident()

    def _notify(self) -> None:
        """Wakes a pending long poll; safe from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if self._in_loop_thread():
            self._wake_poller()
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._wake_poller)

    def _wake_poller(self) -> None:
        if self._poller is not None:
            self._poller.event.set()

    # -- HTTP plumbing -------------------------------------------------------------------------

    def _builtin_handlers(self) -> dict[str, tuple[str, Callable[[JSONDict], Any]]]:
        table: dict[str, Callable[[JSONDict], Any]] = {
            "getMe": self._m_get_me,
            "getUpdates": self._m_get_updates,
            "setWebhook": self._m_set_webhook,
            "deleteWebhook": self._m_delete_webhook,
            "getWebhookInfo": self._m_get_webhook_info,
            "sendMessage": self._m_send_message,
            "editMessageText": self._m_edit_message_text,
            "editMessageReplyMarkup": self._m_edit_message_reply_markup,
            "deleteMessage": self._m_delete_message,
            "answerCallbackQuery": self._m_answer_callback_query,
            "answerInlineQuery": self._m_answer_inline_query,
            "setMyCommands": self._m_set_my_commands,
            "getMyCommands": self._m_get_my_commands,
            "deleteMyCommands": self._m_delete_my_commands,
            "sendChatAction": self._m_send_chat_action,
            "getFile": self._m_get_file,
            "close": self._m_close,
            "logOut": self._m_log_out,
        }
        return {name.lower(): (name, handler) for name, handler in table.items()}

    def register_method(self, name: str, handler: Callable[[JSONDict], Any]) -> None:
        """Adds (or overrides) a Bot API method: ``handler(params)`` returns the result or raises BotAPIError.

        Sync handlers run under the fake's lock; async handlers may await.
        """
        with self._lock:
            self._extra_handlers[name.lower()] = (name, handler)

    def _lookup(self, raw_method: str) -> tuple[str, Callable[[JSONDict], Any]] | None:
        key = raw_method.lower()
        return self._extra_handlers.get(key) or self._handlers.get(key)

    def _record(self, call: Call, *, unimplemented: bool = False) -> None:
        with self._lock:
            self._calls.append(call)
            self._call_counts[(call.method, call.status)] += 1
            if unimplemented:
                self._unimplemented.append(call)
        _LOG.debug("%s -> %s %s", call.method, call.status, call.description or "")

    async def _handle_not_found(self, request: web.Request) -> web.Response:
        return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        raw_method = request.match_info["method"]
        method, params = raw_method, {}
        try:
            params = await _read_params(request)
            if request.match_info["token"] != self.token or self._logged_out:
                raise BotAPIError(401, "Unauthorized")
            found = self._lookup(raw_method)
            if found is None:
                self._record(Call(raw_method, params, 404, "Not Found"), unimplemented=True)
                return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            method, handler = found
            return await self._serve(request, method, handler, params)
        except _UnsupportedByFake as exc:
            self._record(Call(method, params, exc.status, exc.description), unimplemented=True)
            return _json_response(exc.status, exc.envelope())
        except BotAPIError as exc:
            self._record(Call(method, params, exc.status, exc.description))
            return _json_response(exc.status, exc.envelope())

    async def _serve(
        self, request: web.Request, method: str, handler: Callable[[JSONDict], Any], params: JSONDict
    ) -> web.StreamResponse:
        fault = self._next_fault(method)
        if fault is not None and fault.kind != "drop_after":
            return self._inject_fault(request, method, params, fault)
        await self._apply_latency(method)
        result = await self._run_handler(handler, params)
        if fault is not None:
            return self._inject_fault(request, method, params, fault)
        self._record(Call(method, params, 200))
        return _json_response(200, {"ok": True, "result": result})

    async def _run_handler(self, handler: Callable[[JSONDict], Any], params: JSONDict) -> Any:
        if inspect.iscoroutinefunction(handler):
            return await handler(params)
        with self._lock:
            result = handler(params)
        return await result if inspect.isawaitable(result) else result

    def _inject_fault(self, request: web.Request, method: str, params: JSONDict, fault: _Fault) -> web.StreamResponse:
        if fault.kind in ("drop", "drop_after"):
            self._record(Call(method, params, 0, "connection dropped", fault=fault.kind))
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)
        error = self._fault_error(fault)
        self._record(Call(method, params, error.status, error.description, fault=fault.kind))
        return _json_response(error.status, error.envelope())

    @staticmethod
    def _fault_error(fault: _Fault) -> BotAPIError:
        if fault.status == 429:
            return _flood(fault.retry_after)
        if fault.description is not None:
            return BotAPIError(fault.status, fault.description)
        defaults = {500: "Internal Server Error", 502: "Bad Gateway", 403: "Forbidden: bot was blocked by the user"}
        phrase = defaults.get(fault.status) or HTTPStatus(fault.status).phrase
        return BotAPIError(fault.status, phrase)

    async def _apply_latency(self, method: str) -> None:
        delay = self._latency.get(method.lower(), self._latency.get(None, 0.0))
        if delay > 0:
            await asyncio.sleep(delay)

    async def _handle_file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        with self._lock:
            found = next((data for meta, data in self._files.values() if meta["file_path"] == path), None)
        if request.match_info["token"] != self.token or found is None:
            return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return web.Response(body=found, content_type="application/octet-stream")

    # -- fault injection -----------------------------------------------------------------------

    def _canonical(self, method: str | None) -> str | None:
        if method is None:
            return None
        found = self._lookup(method)
        if found is None:
            raise ValueError(f"unknown Bot API method {method!r} for fault injection")
        return found[0].lower()

    def fail_next(
        self,
        method: str | None,
        status: int = 429,
        count: int = 1,
        retry_after: int = 1,
        *,
        mode: FaultMode = "error",
        description: str | None = None,
    ) -> None:
        """Makes the next ``count`` calls of ``method`` (None: any method) fail.

        mode "error": answer ``status`` (429 carries ``retry_after``; 500 "Internal Server Error").
        mode "drop": close the connection without a response; the call has no effect.
        mode "drop_after": the call takes effect, then the connection is closed (lost response).
        """
        key = self._canonical(method)
        kind = mode if mode != "error" else str(status)
        with self._lock:
            for _ in range(count):
                self._scheduled_faults.append((key, _Fault(kind, status, retry_after, description)))

    def set_fault_rate(
        self,
        method: str | None,
        rate: float,
        kinds: Sequence[str] = ("429", "500", "drop"),
        seed: int | None = 0,
        *,
        retry_after: int = 1,
    ) -> None:
        """Fails a seeded random fraction ``rate`` of calls with one of ``kinds``.

        kinds: "429", "500", "502", "drop", "drop_after". ``method=None`` applies to every method
        except getUpdates (name getUpdates explicitly to fault polling). ``rate=0`` removes the rule.
        """
        unknown = set(kinds) - {"429", "500", "502", "drop", "drop_after"}
        if unknown or not 0 <= rate <= 1:
            raise ValueError(f"bad fault rule: rate={rate}, unknown kinds={sorted(unknown)}")
        key = self._canonical(method)
        with self._lock:
            if rate == 0:
                self._fault_rates.pop(key, None)
                return
            self._fault_rates[key] = _FaultRate(rate, tuple(kinds), random.Random(seed), retry_after)

    def set_latency(self, seconds: float, method: str | None = None) -> None:
        """Delays answers to ``method`` (None: every method) by ``seconds`` before they take effect."""
        key = self._canonical(method)
        with self._lock:
            self._latency[key] = seconds

    def clear_faults(self) -> None:
        """Removes scheduled faults, fault rates and latency."""
        with self._lock:
            self._scheduled_faults.clear()
            self._fault_rates.clear()
            self._latency.clear()

    def _next_fault(self, method: str) -> _Fault | None:
        key = method.lower()
        with self._lock:
            for index, (target, fault) in enumerate(self._scheduled_faults):
                if target in (None, key):
                    del self._scheduled_faults[index]
                    return fault
            rule = self._fault_rates.get(key)
            if rule is None and key != "getupdates":
                rule = self._fault_rates.get(None)
            if rule is None or rule.rng.random() >= rule.rate:
                return None
            kind = rule.rng.choice(rule.kinds)
        return _Fault(kind, int(kind) if kind.isdigit() else 0, rule.retry_after)

    # -- inspection ----------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every answered request in order (a copy)."""
        with self._lock:
            return list(self._calls)

    @property
    def unimplemented_calls(self) -> list[Call]:
        """Requests for methods/features this fake does not implement (404s, Markdown parse modes)."""
        with self._lock:
            return list(self._unimplemented)

    @property
    def call_counts(self) -> Counter[tuple[str, int]]:
        """Counts of (method, status) over the whole run, kept even when ``max_recorded_calls`` trims."""
        with self._lock:
            return Counter(self._call_counts)

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one method (case-insensitive)."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def _copy(self, recorded: Any) -> Any:
        """A deep copy taken under the lock: tests read what was recorded while the server goes on."""
        with self._lock:
            return copy.deepcopy(recorded)

    @property
    def answered_callbacks(self) -> list[JSONDict]:
        return self._copy(self._answered_callbacks)

    @property
    def inline_answers(self) -> list[JSONDict]:
        return self._copy(self._inline_answers)

    @property
    def chat_actions(self) -> list[JSONDict]:
        return self._copy(self._chat_actions)

    @property
    def deleted_messages(self) -> list[JSONDict]:
        return self._copy(self._deleted)

    @property
    def my_commands(self) -> list[JSONDict]:
        """Commands set for the default scope and no language."""
        return self.commands_for()

    def commands_for(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        with self._lock:
            return copy.deepcopy(self._commands.get(_scope_key(scope, language_code), []))

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates injected but not yet confirmed by getUpdates with a higher offset."""
        return self._copy(self._updates)

    def unanswered_callbacks(self) -> list[str]:
        """Ids of injected callback queries the bot never answered."""
        with self._lock:
            return [qid for qid, q in self._queries.items() if q.kind == "callback" and not q.answered]

    def _snapshot(self, stored: _Stored) -> JSONDict:
        message = copy.deepcopy(stored.message)
        message["edits"] = copy.deepcopy(stored.edits)
        return message

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Bot messages (current state plus an ``edits`` history), in send order; None: all chats."""
        with self._lock:
            keys = [key for key in self._sent_order if chat_id is None or key[0] == chat_id]
            return [self._snapshot(self._messages[key]) for key in keys if not self._messages[key].deleted]

    def last_message(self, chat_id: int) -> JSONDict | None:
        messages = self.sent_messages(chat_id)
        return messages[-1] if messages else None

    def message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """Any stored message (bot or user) by id, or None."""
        with self._lock:
            stored = self._messages.get((chat_id, message_id))
            return None if stored is None else self._snapshot(stored)

    def clear_records(self) -> None:
        """Forgets recorded calls, answers, actions (not chats, messages or pending updates)."""
        with self._lock:
            self._calls.clear()
            self._call_counts.clear()
            self._unimplemented.clear()
            self._answered_callbacks.clear()
            self._inline_answers.clear()
            self._chat_actions.clear()

    # -- waiting -------------------------------------------------------------------------------

    def _timeout_error(self, timeout: float, what: str) -> TimeoutError:
        recent = ", ".join(f"{c.method}:{c.status}" for c in self.calls[-8:])
        return TimeoutError(f"{what} not met within {timeout}s; last calls: [{recent}]")

    async def wait_for(self, predicate: Callable[[], _T], timeout: float = 5.0, *, interval: float = 0.005) -> _T:
        """Awaits until ``predicate()`` is truthy and returns its value; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise self._timeout_error(timeout, "condition")
            await asyncio.sleep(interval)

    def wait_for_sync(self, predicate: Callable[[], _T], timeout: float = 5.0, *, interval: float = 0.005) -> _T:
        """Blocking ``wait_for`` for other threads (never call it on the fake's own loop thread)."""
        if self._in_loop_thread():
            raise RuntimeError("wait_for_sync would block FakeBotAPI's event loop; use 'await wait_for(...)'")
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise self._timeout_error(timeout, "condition")
            time.sleep(interval)

    def _messages_ready(self, chat_id: int, n: int) -> Callable[[], list[JSONDict] | None]:
        def ready() -> list[JSONDict] | None:
            messages = self.sent_messages(chat_id)
            return messages if len(messages) >= n else None

        return ready

    async def wait_for_messages(self, chat_id: int, n: int = 1, timeout: float = 5.0) -> list[JSONDict]:
        """Awaits until the bot has sent at least ``n`` messages to ``chat_id``; returns them all."""
        return await self.wait_for(self._messages_ready(chat_id, n), timeout)

    def wait_for_messages_sync(self, chat_id: int, n: int = 1, timeout: float = 5.0) -> list[JSONDict]:
        return self.wait_for_sync(self._messages_ready(chat_id, n), timeout)

    # -- chats, users, injection ----------------------------------------------------------------

    def _user(self, user_id: int, username: str | None, first_name: str) -> JSONDict:
        user = self._users.get(user_id)
        if user is None or username is not None:
            user = {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name,
                "username": username or f"user{user_id}",
                "language_code": "en",
            }
            self._users[user_id] = user
        return user

    def _chat(self, chat_id: int, chat_type: str, user: JSONDict, title: str | None) -> JSONDict:
        known = self._chats.get(chat_id)
        if known is not None:
            if known["type"] != chat_type:
                raise ValueError(f"chat {chat_id} is a {known['type']} chat, not {chat_type}")
            return known
        if chat_type == "private":
            chat = {k: user[k] for k in ("id", "first_name", "username")} | {"type": "private"}
        elif chat_type in ("group", "supergroup"):
            if chat_id >= 0:
                raise ValueError("group chat ids are negative (supergroups look like -100xxxxxxxxxx)")
            chat = {"id": chat_id, "type": chat_type, "title": title or f"Test group {chat_id}"}
        else:
            raise ValueError(f"unsupported chat_type {chat_type!r}")
        self._chats[chat_id] = chat
        return chat

    def _sender(
        self,
        chat_id: int,
        user_id: int | None,
        chat_type: str,
        username: str | None,
        first_name: str,
        chat_title: str | None,
    ) -> tuple[JSONDict, JSONDict]:
        if chat_type == "private":
            if user_id not in (None, chat_id):
                raise ValueError("in a private chat the chat id is the user id")
            user_id = chat_id
        user = self._user(user_id if user_id is not None else DEFAULT_GROUP_USER_ID, username, first_name)
        return self._chat(chat_id, chat_type, user, chat_title), user

    def add_chat(
        self, chat_id: int, chat_type: str = "private", *, title: str | None = None, username: str | None = None
    ) -> JSONDict:
        """Makes a chat known (as if it had messaged the bot) without queuing an update."""
        with self._lock:
            return copy.deepcopy(self._sender(chat_id, None, chat_type, username, "Test", title)[0])

    def block_chat(self, chat_id: int, blocked: bool = True) -> None:
        """Makes sends to ``chat_id`` fail with 403 "Forbidden: bot was blocked by the user"."""
        with self._lock:
            if blocked:
                self._blocked.add(chat_id)
            else:
                self._blocked.discard(chat_id)

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _reply_to(self, chat_id: int, message_id: int | None) -> JSONDict | None:
        if message_id is None:
            return None
        stored = self._messages.get((chat_id, message_id))
        if stored is None or stored.deleted:
            return None
        replied = copy.deepcopy(stored.message)
        replied.pop("reply_to_message", None)
        return replied

    def _queue_update(self, kind: str, payload: JSONDict) -> JSONDict:
        with self._lock:
            update = {"update_id": self._next_update_id, kind: payload}
            self._next_update_id += 1
            self._updates.append(update)
            snapshot = copy.deepcopy(update)
        self._notify()
        return snapshot

    def _incoming(self, chat: JSONDict, user: JSONDict, body: JSONDict, reply_to: int | None) -> JSONDict:
        message: JSONDict = {
            "message_id": self._new_message_id(chat["id"]),
            "from": copy.deepcopy(user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
            **body,
        }
        replied = self._reply_to(chat["id"], reply_to)
        if reply_to is not None and replied is None:
            raise ValueError(f"message {reply_to} does not exist in chat {chat['id']}")
        if replied is not None:
            message["reply_to_message"] = replied
        self._messages[(chat["id"], message["message_id"])] = _Stored(message, from_bot=False)
        return message

    def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        entities: list[JSONDict] | None = None,
        reply_to_message_id: int | None = None,
        username: str | None = None,
        first_name: str = "Test",
        chat_title: str | None = None,
    ) -> JSONDict:
        """Queues a text message update from a user; entities default to what Telegram detects."""
        found = detect_entities(text) if entities is None else entities
        body: JSONDict = {"text": text} | ({"entities": copy.deepcopy(found)} if found else {})
        return self._inject(chat_id, body, user_id, chat_type, reply_to_message_id, username, first_name, chat_title)

    def _inject(
        self,
        chat_id: int,
        body: JSONDict,
        user_id: int | None,
        chat_type: str,
        reply_to: int | None,
        username: str | None,
        first_name: str,
        chat_title: str | None,
    ) -> JSONDict:
        with self._lock:
            chat, user = self._sender(chat_id, user_id, chat_type, username, first_name, chat_title)
            message = self._incoming(chat, user, body, reply_to)
            return self._queue_update("message", copy.deepcopy(message))

    def inject_command(self, chat_id: int, command: str, *, mention_bot: bool = False, **kwargs: Any) -> JSONDict:
        """Queues "/cmd args" with a bot_command entity; ``mention_bot`` writes "/cmd@<bot username>"."""
        if not re.match(r"/[A-Za-z0-9_]{1,32}(?:@\w+)?(?:\s|$)", command):
            raise ValueError(f"not a bot command: {command!r}")
        head, sep, tail = command.partition(" ")
        if mention_bot and "@" not in head:
            command = f"{head}@{self.username}{sep}{tail}"
        return self.inject_message(chat_id, command, **kwargs)

    def inject_mention(self, chat_id: int, text: str, *, chat_type: str = "group", **kwargs: Any) -> JSONDict:
        """Queues "@<bot username> text" (a mention entity included), by default in a group."""
        return self.inject_message(chat_id, f"@{self.username} {text}", chat_type=chat_type, **kwargs)

    def _register_file(self, folder: str, extension: str, data: bytes) -> JSONDict:
        with self._lock:
            number = len(self._files) + 1
            meta = {
                "file_id": f"FAKE{folder.upper()}{number:06d}",
                "file_unique_id": f"uniq{number:06d}",
                "file_size": len(data),
                "file_path": f"{folder}/file_{number}.{extension}",
            }
            self._files[meta["file_id"]] = (meta, data)
        return {k: meta[k] for k in ("file_id", "file_unique_id", "file_size")}

    def inject_sticker(self, chat_id: int, *, emoji: str = "👍", **kwargs: Any) -> JSONDict:
        """Queues a sticker message."""
        sticker = self._register_file("stickers", "webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ")
        sticker |= {"type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False}
        return self._inject_media(chat_id, {"sticker": sticker | {"emoji": emoji}}, **kwargs)

    def inject_photo(self, chat_id: int, *, caption: str | None = None, **kwargs: Any) -> JSONDict:
        """Queues a photo message (two sizes), optionally with a caption."""
        sizes = [
            self._register_file("photos", "jpg", b"\xff\xd8\xff\xe0" + bytes(size)) | {"width": w, "height": w}
            for size, w in ((64, 90), (512, 800))
        ]
        body: JSONDict = {"photo": sizes} | ({"caption": caption} if caption else {})
        return self._inject_media(chat_id, body, **kwargs)

    def inject_voice(self, chat_id: int, *, duration: int = 2, data: bytes | None = None, **kwargs: Any) -> JSONDict:
        """Queues a voice message; getFile + the file URL serve ``data``."""
        voice = self._register_file("voice", "oga", data if data is not None else b"OggS\x00\x02" + bytes(58))
        return self._inject_media(
            chat_id, {"voice": voice | {"duration": duration, "mime_type": "audio/ogg"}}, **kwargs
        )

    def _inject_media(
        self,
        chat_id: int,
        body: JSONDict,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to_message_id: int | None = None,
        username: str | None = None,
        first_name: str = "Test",
        chat_title: str | None = None,
    ) -> JSONDict:
        return self._inject(chat_id, body, user_id, chat_type, reply_to_message_id, username, first_name, chat_title)

    def _new_query_id(self) -> str:
        self._query_counter += 1
        return str(4_000_000_000_000_000 + self.bot_id % 1000 * 1_000_000 + self._query_counter)

    def inject_callback(
        self, chat_id: int, message_id: int, data: str, user_id: int | None = None, *, check_button: bool = True
    ) -> str:
        """Queues a press of an inline button on a bot message; returns the callback_query_id.

        With ``check_button`` the message's current keyboard must contain a button with ``data``.
        """
        with self._lock:
            stored = self._messages.get((chat_id, message_id))
            if stored is None or stored.deleted or not stored.from_bot:
                raise ValueError(f"no bot message {message_id} in chat {chat_id}")
            if check_button and data not in _callback_datas(stored.message):
                raise ValueError(f"message {message_id} has no button with callback_data {data!r}")
            chat = self._chats[chat_id]
            sender_id = chat_id if chat["type"] == "private" else (user_id or DEFAULT_GROUP_USER_ID)
            user = self._user(sender_id, None, "Test")
            query_id = self._new_query_id()
            query = {
                "id": query_id,
                "from": copy.deepcopy(user),
                "message": copy.deepcopy(stored.message),
                "chat_instance": str(abs(chat_id) * 7919 % 10**12),
                "data": data,
            }
            self._queries[query_id] = _PendingQuery("callback", time.monotonic(), query)
            self._queue_update("callback_query", query)
        return query_id

    def inject_inline_query(self, user_id: int, query: str, *, offset: str = "", chat_type: str = "sender") -> str:
        """Queues an inline query from ``user_id``; returns the inline_query_id."""
        with self._lock:
            user = self._user(user_id, None, "Test")
            query_id = self._new_query_id()
            payload = {
                "id": query_id,
                "from": copy.deepcopy(user),
                "query": query,
                "offset": offset,
                "chat_type": chat_type,
            }
            self._queries[query_id] = _PendingQuery("inline", time.monotonic(), payload)
            self._queue_update("inline_query", payload)
        return query_id

    # -- method helpers ------------------------------------------------------------------------

    def _require_chat(self, params: Mapping[str, Any]) -> JSONDict:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad("chat_id is empty")
        chat = self._chats.get(raw) if isinstance(raw, int) and not isinstance(raw, bool) else None
        if chat is None:  # "@channelusername" targets: this fake has no public channels or groups
            raise _bad("chat not found")
        if chat["id"] in self._blocked:
            raise BotAPIError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _message_text(self, params: Mapping[str, Any], too_long: str) -> tuple[str, list[JSONDict]]:
        return check_message_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            strict=self.strict_html,
            too_long=too_long,
        )

    def _reply_target(self, chat_id: int, params: Mapping[str, Any]) -> JSONDict | None:
        reply = params.get("reply_parameters")
        reply = reply if isinstance(reply, dict) else {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        replied = self._reply_to(chat_id, message_id if isinstance(message_id, int) else -1)
        lenient = reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply"))
        if replied is None and not lenient:
            raise _bad("message to be replied not found")
        return replied

    def _store_bot_message(
        self, chat: JSONDict, text: str, entities: list[JSONDict], markup: JSONDict | None, replied: JSONDict | None
    ) -> JSONDict:
        message: JSONDict = {
            "message_id": self._new_message_id(chat["id"]),
            "from": copy.deepcopy(self.bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if markup is not None:
            message["reply_markup"] = markup
        if replied is not None:
            message["reply_to_message"] = replied
        key = (chat["id"], message["message_id"])
        self._messages[key] = _Stored(message, from_bot=True)
        self._sent_order.append(key)
        return copy.deepcopy(message)

    def _edit_target(self, params: Mapping[str, Any]) -> _Stored:
        if params.get("inline_message_id") is not None:
            raise _bad("MESSAGE_ID_INVALID")
        chat = self._require_chat(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise _bad("message identifier is not specified")
        stored = self._messages.get((chat["id"], message_id))
        if stored is None or stored.deleted:
            raise _bad("message to edit not found")
        if not stored.from_bot or "text" not in stored.message:
            raise _bad("message can't be edited")
        return stored

    def _apply_edit(self, stored: _Stored, text: str, entities: list[JSONDict], markup: JSONDict | None) -> JSONDict:
        message = stored.message
        before = (message.get("text"), message.get("entities", []), message.get("reply_markup"))
        if before == (text, entities, markup):
            raise BotAPIError(400, NOT_MODIFIED)
        stored.edits.append(
            {"text": before[0], "entities": before[1], "reply_markup": before[2], "edit_date": message.get("edit_date")}
        )
        message["text"] = text
        message.pop("entities", None)
        message.pop("reply_markup", None)
        message |= ({"entities": entities} if entities else {}) | ({"reply_markup": markup} if markup else {})
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _take_query(self, query_id: str, kind: str) -> _PendingQuery:
        query = self._queries.get(query_id)
        expired = (
            query is not None
            and self.callback_query_ttl is not None
            and time.monotonic() - query.created > self.callback_query_ttl
        )
        if query is None or query.kind != kind or query.answered or expired:
            raise BotAPIError(400, QUERY_INVALID)
        query.answered = True
        return query

    def _check_flood(self, chat_id: int) -> None:
        if self._flood is not None:
            self._flood.check(chat_id)

    # -- methods -------------------------------------------------------------------------------

    def _m_get_me(self, params: JSONDict) -> JSONDict:
        return copy.deepcopy(self.bot_user)

    def _m_close(self, params: JSONDict) -> bool:
        return True

    def _m_log_out(self, params: JSONDict) -> bool:
        self._logged_out = True
        return True

    def _m_set_webhook(self, params: JSONDict) -> bool:
        url = _str_param(params, "url")
        if url and not url.lower().startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook_url = url
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_delete_webhook(self, params: JSONDict) -> bool:
        self._webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_get_webhook_info(self, params: JSONDict) -> JSONDict:
        return {"url": self._webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _m_get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self._webhook_url:
            raise BotAPIError(409, CONFLICT_WEBHOOK)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            with self._lock:
                self._allowed_updates = frozenset(allowed) or DEFAULT_ALLOWED_UPDATES
        if self._poller is not None:
            self._poller.conflict = True
            self._poller.event.set()
        poll = _Poll(asyncio.Event())
        self._poller = poll
        try:
            return await self._long_poll(poll, params)
        finally:
            if self._poller is poll:
                self._poller = None

    async def _long_poll(self, poll: _Poll, params: JSONDict) -> list[JSONDict]:
        offset = _int_param(params, "offset", 0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        deadline = time.monotonic() + max(_int_param(params, "timeout", 0), 0)
        while True:
            poll.event.clear()
            if poll.conflict:
                raise BotAPIError(409, CONFLICT_TERMINATED)
            batch = self._take_updates(offset, limit)
            remaining = deadline - time.monotonic()
            if batch or self._closing or remaining <= 0:
                return batch
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(poll.event.wait(), remaining)

    def _take_updates(self, offset: int, limit: int) -> list[JSONDict]:
        with self._lock:
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            self._updates = [u for u in self._updates if _update_kind(u) in self._allowed_updates]
            return copy.deepcopy(self._updates[:limit])

    def _m_send_message(self, params: JSONDict) -> JSONDict:
        if not isinstance(params.get("text"), str) or not params["text"]:
            raise _bad("message text is empty")
        chat = self._require_chat(params)
        text, entities = self._message_text(params, "message is too long")
        markup = _validate_reply_markup(params.get("reply_markup"))
        replied = self._reply_target(chat["id"], params)
        self._check_flood(chat["id"])
        return self._store_bot_message(chat, text, entities, markup, replied)

    def _m_edit_message_text(self, params: JSONDict) -> JSONDict:
        stored = self._edit_target(params)
        text, entities = self._message_text(params, "MESSAGE_TOO_LONG")
        markup = _validate_reply_markup(params.get("reply_markup"))
        self._check_flood(stored.message["chat"]["id"])
        return self._apply_edit(stored, text, entities, markup)

    def _m_edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        stored = self._edit_target(params)
        markup = _validate_reply_markup(params.get("reply_markup"))
        message = stored.message
        self._check_flood(message["chat"]["id"])
        return self._apply_edit(stored, message["text"], message.get("entities", []), markup)

    def _m_delete_message(self, params: JSONDict) -> bool:
        chat = self._require_chat(params)
        stored = self._messages.get((chat["id"], _int_param(params, "message_id", -1)))
        if stored is None or stored.deleted:
            raise _bad("message to delete not found")
        if not stored.from_bot and chat["type"] != "private":
            raise _bad("message can't be deleted")
        stored.deleted = True
        self._deleted.append(copy.deepcopy(stored.message))
        return True

    def _m_answer_callback_query(self, params: JSONDict) -> bool:
        text = params.get("text")
        if isinstance(text, str) and len(text) > MAX_CALLBACK_ANSWER_CHARS:
            raise _bad("MESSAGE_TOO_LONG")
        query_id = _str_param(params, "callback_query_id")
        self._take_query(query_id, "callback")
        keys = ("text", "show_alert", "url", "cache_time")
        self._answered_callbacks.append({"callback_query_id": query_id} | {k: params.get(k) for k in keys})
        return True

    def _m_answer_inline_query(self, params: JSONDict) -> bool:
        results = params.get("results")
        _validate_inline_results(results, self.strict_html)
        query_id = _str_param(params, "inline_query_id")
        self._take_query(query_id, "inline")
        keys = ("cache_time", "is_personal", "next_offset", "button")
        self._inline_answers.append(
            {"inline_query_id": query_id, "results": copy.deepcopy(results)} | {k: params.get(k) for k in keys}
        )
        return True

    def _m_set_my_commands(self, params: JSONDict) -> bool:
        commands = _validate_commands(params.get("commands"))
        self._commands[_scope_key(params.get("scope"), params.get("language_code"))] = commands
        return True

    def _m_get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(_scope_key(params.get("scope"), params.get("language_code")), []))

    def _m_delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(_scope_key(params.get("scope"), params.get("language_code")), None)
        return True

    def _m_send_chat_action(self, params: JSONDict) -> bool:
        chat = self._require_chat(params)
        action = params.get("action")
        if action not in CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self._chat_actions.append(
            {"chat_id": chat["id"], "action": action, "message_thread_id": params.get("message_thread_id")}
            | {"at": time.time()}
        )
        return True

    def _m_get_file(self, params: JSONDict) -> JSONDict:
        found = self._files.get(_str_param(params, "file_id"))
        if found is None:
            raise _bad("invalid file_id")
        return dict(found[0])


def _callback_datas(message: Mapping[str, Any]) -> set[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return {button["callback_data"] for row in rows for button in row if button.get("callback_data")}
