"""Evaluation question set and tools for the newsbot retrieval bot."""
