"""Report requests and the agencies' contributions: policy, reads, writes, pages, reminders, API
and the compiled report (the models are ``ttdn.reports.models``)."""
