"""The forum's records: stakeholders, workstreams and meetings, commitments, MNR assessments."""
