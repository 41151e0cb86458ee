"""`python -m tui` behaves exactly like the `docket` command."""

from tui.cli.main import run

if __name__ == "__main__":
    run()
