"""The leader's jobs end to end: files in, a roster made, repaired or checked, files out."""
