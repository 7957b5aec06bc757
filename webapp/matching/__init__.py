"""Suggested matches from observation-rubric data (#11, seed 004): pairs of teachers whose
strengths and growth areas complement each other, for a principal to review."""
