"""The plan: what the leader filled in, validated (pydantic) and indexed for the stages after."""
