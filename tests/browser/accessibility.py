"""axe-core (the copy bundled with axe-playwright-python) on a page the test
has open, for the admin pages no outside judge can reach without a login."""

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def axe_violations(page) -> list[str]:
    """Each violation as one readable line: rule, impact and the elements.

    axe measures colours by adding a <style> of its own, which the site's
    content policy refuses: those console errors are the tool's, not the
    page's, and are taken off the page's list of console errors."""
    console = getattr(page, "console", None)
    before = len(console.errors) if console is not None else 0
    results = _AXE.run(page)
    if console is not None:
        console.errors[before:] = [
            error
            for error in console.errors[before:]
            if "Content Security Policy" not in error
        ]
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
