"""Tasks (任务): the regulation's recurring duties, directives and pushed tasks."""
