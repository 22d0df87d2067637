"""Progress reports (issue 7, point 6): one client's progress over a period, as
a page, a printable page and a PDF; shared beyond the treating therapist only
with the client's yes, as a frozen copy."""
