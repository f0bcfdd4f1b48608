"""Storage: SQLAlchemy Core tables and plain functions that take a connection."""
