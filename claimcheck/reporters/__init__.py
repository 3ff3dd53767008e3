"""Built-in reporter plugins: the terminal, JUnit XML (``--junitxml``) and JSON (``--json``) reports."""
