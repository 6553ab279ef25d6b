"""The CP-SAT engine: the model the rules are stated on, the greedy start, the tiered search."""
