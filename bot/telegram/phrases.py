"""What the bot says on its own (welcome, help, refusals, hints), as Telegram HTML with escaped values."""

from __future__ import annotations

import html

EXAMPLE_QUESTIONS = (
    "Which countries will send troops to Ukraine?",
    "What did Kushner call the agreement?",
    "Where will the military hubs be built?",
)
COMMANDS = (
    ("ask", "Ask a question about the news articles"),
    ("more", "More passages for the last question"),
    ("sources", "The articles I can quote"),
    ("source", "One article in full: /source N (N from /sources)"),
    ("new", "Start a new conversation (forget earlier questions)"),
    ("help", "How to ask and what the buttons do"),
    ("start", "What this bot is, with example questions"),
)

WELCOME = (
    "<b>newsbot</b> answers questions about news articles with <b>the passages that answer them</b>, each "
    "cited with its outlet — it never writes an answer of its own.\n\n"
    "Send me a question, or tap an example:"
)
HELP = (
    "<b>How to use newsbot</b>\n"
    "• Send a question in plain words, e.g. <i>Who hosted the summit?</i>\n"
    "• Follow up naturally (<i>and what about the US?</i>), or ask one outlet or one article of /sources "
    "(<i>what does article 2 say about it?</i>), or paste an article's link before your question.\n"
    "• <i>What happened?</i> shows how the newest articles open; <i>which outlets?</i> what I hold.\n"
    '• Quote words to find them exactly: <i>who said "peace through strength"?</i>\n'
    "• <b>More</b> shows further passages; <b>Full article</b> and <b>Context</b> show where a passage is from.\n"
    "• /sources lists the articles, /source N shows one; /new forgets the conversation.\n"
    "• In a group, mention me, reply to me, or use /ask <i>question</i>.\n"
    "• Anywhere: type <code>@{username} question</code> to share a cited passage."
)
NON_TEXT = "I can only read text. Send me a question in words, e.g. <i>Who hosted the summit?</i>"
EMPTY_QUESTION = "Write your question after the command, e.g. <code>/ask Who hosted the summit?</code>"
EMPTY_SOURCE = "Give the article's number from /sources, e.g. <code>/source 2</code>"
EMPTY_MENTION = "Ask me something after the mention, e.g. <i>@{username} who hosted the summit?</i>"
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
REFUSAL = "Sorry, this newsbot is private: it only answers the chats it was set up for."
NEW_CONVERSATION = "Started a new conversation: earlier questions are forgotten."
FAILURE = "Sorry, something went wrong on my side. Please try again in a moment."
STALE_BUTTON = "This button belongs to an earlier answer. Ask your question again."
OLD_MORE = "That answer is from an earlier question: press More under the latest answer, or ask again."
GONE = "That is no longer in the index: ask your question again."
NO_SOURCES = "No articles are indexed yet."


def slow_down(seconds: int) -> str:
    return f"You're asking quickly: please wait {seconds} s before the next question."


def problem(message: str, hint: str = "") -> str:
    """A user mistake reported back in HTML (values escaped)."""
    text = html.escape(message)
    return f"{text}\n<i>{html.escape(hint)}</i>" if hint else text


def with_username(template: str, username: str) -> str:
    return template.replace("{username}", html.escape(username))
