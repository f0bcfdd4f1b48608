"""Use cases shared by the CLI and the web app (reports, FHIR exports, imports): they call core/ and storage/."""
