"""Periods, indicators, small-cell suppression, district sums."""
