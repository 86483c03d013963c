"""Views of one Answer: terminal (rich), JSON and Telegram HTML."""
