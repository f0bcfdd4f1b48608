"""Use cases shared by the CLI and the web app: they call the pure core and storage's queries.

accounts.py (sign-up, login, passwords, codes), logins.py (server-side sessions),
limits.py (attempt limits shared by every worker), care.py (invites, links, who may
see whose data), prescriptions.py, plans.py (a person's current plan), dashboard.py.
"""
