"""Why a strict plan has no roster: the smallest clash of rules, people and days."""
