"""Programmes, calls, topics and their award criteria."""
