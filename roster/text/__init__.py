"""Every sentence and label a person reads, in Chinese and English."""
