"""search: one search across the whole record"""
