"""The build step of the back-of-knee site: YAML records -> validated -> Markdown pages.

The pipeline reads top to bottom in :mod:`backofknee.pipeline`: load, validate, render.
Nothing is written until every record has been checked.
"""
