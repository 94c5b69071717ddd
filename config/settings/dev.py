"""One machine: the demo on SQLite, e-mail printed to the console."""

from config.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
