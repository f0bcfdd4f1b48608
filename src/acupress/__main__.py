from acupress.cli.main import run

run()
