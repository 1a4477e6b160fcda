"""Streamlit glue shared by the pages: language, navigation entries, messages.

Everything that computes lives in ``core``; this package only renders.
"""
