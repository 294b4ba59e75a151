"""The build step of the back-of-knee site: YAML records -> validated -> Markdown pages.
:mod:`backofknee.pipeline` reads top to bottom: load, validate, render. Nothing is written
until every record has been checked.
"""
