"""Tests for newsbot (a package so helpers like tests.fake_bot_api can be imported)."""
