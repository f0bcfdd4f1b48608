"""Use cases shared by the CLI and the web app: they call the pure core and storage's queries.

Reports, FHIR exports, imports, the schedule of checks; and accounts mode: accounts.py
(sign-up, login, passwords, codes), logins.py (server-side sessions), limits.py (attempt
limits shared by every worker), care.py (invites, links, who may see whose data),
plans.py (a person's current plan, prescribed or self-care), dashboard.py.
"""
