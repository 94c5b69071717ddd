"""The funded portfolio's records: projects and their delivery, and export jobs."""
