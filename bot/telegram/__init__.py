"""The Telegram surface of newsbot: a python-telegram-bot Application over one shared Engine."""
