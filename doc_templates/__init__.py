"""Tandem's Word templates, as package data: webapp/documents/docx.py reads the .docx files
beside this module with importlib.resources, in a wheel as in the source tree.

A regular package (not a namespace one): under an editable install Python 3.11's
importlib.resources cannot read a namespace package's files. build_templates.py writes them.
"""
