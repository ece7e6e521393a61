"""Review scores and verdicts attach to newsroom articles of kind "review"."""
