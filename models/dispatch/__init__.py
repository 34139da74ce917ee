"""Alert dispatch rules: deadlines, recommendation, lifecycle and repeated calls.

Pure functions over plain data; the services that read and write the database call them.
"""
