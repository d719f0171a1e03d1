"""Rapid reviews: the list, one review with its clock, and its forms."""
