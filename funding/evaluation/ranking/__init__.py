"""The ranking: pure rules (rules.py) and the one loading query (loading.py)."""
