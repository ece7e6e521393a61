"""axe-core (the copy bundled with axe-playwright-python) on a page the test
has open, for the admin pages no outside judge can reach without a login."""

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def axe_violations(page) -> list[str]:
    """Each violation as one readable line: rule, impact and the elements."""
    results = _AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        found.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"at {targets}"
        )
    return found


def assert_accessible(page):
    """Fails with the list of what axe found on the page as it is now."""
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
