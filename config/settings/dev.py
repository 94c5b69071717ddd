"""One machine: the demo on SQLite, e-mail printed to the console."""

from config.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)

# The demo's staff accounts sign in with the password alone (set true to try the second factor).
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", False)
